// React: the README's "React" snippet (imports point at src/ instead of the package), in JSX.
// Checked by test/types/tsconfig.json; each @ts-expect-error proves a wrong use is refused.
import { useEffect, useRef, useState } from 'react';
import type { CallButton as CallButtonElement, CallRecord } from '../../src/index.js';
import { AircallSettings } from '../../src/react/aircall-settings.js';
import { CallButton, CallNotification } from '../../src/react/index.js';

interface Lead {
  id: string;
  phone: string;
  name: string;
}

export function LeadCall({ lead }: { lead: Lead }) {
  const button = useRef<CallButtonElement>(null);
  const [lastCall, setLastCall] = useState<CallRecord>();
  useEffect(() => {
    const element = button.current;
    return () => element?.hangup(); // leaving the page ends its call
  }, []);
  return (
    <>
      <CallButton
        ref={button}
        number={lead.phone}
        displayName={lead.name}
        leadId={lead.id}
        onCallEnd={(event) => setLastCall(event.detail)}
        onCallError={(event) => console.warn(event.detail.code, event.detail.message)}
      />
      <button type="button" onClick={() => button.current?.hangup()}>
        Hang up
      </button>
      {lastCall && (
        <p>
          Last call: {lastCall.status}, {lastCall.durationSec} s
        </p>
      )}
      <CallNotification notify="all" />
    </>
  );
}

export function AircallSettingsPage({ organizationId, roles }: { organizationId: string; roles: string[] }) {
  return (
    <AircallSettings
      organizationId={organizationId}
      countryCode="GA"
      roles={roles.join(',')}
      onSettingsSaved={(event) => console.log(`Saved version ${event.detail.version}`)}
      onSettingsError={(event) => console.warn(event.detail.code)}
    />
  );
}

export const refused = [
  // @ts-expect-error the number is a string
  <CallButton number={33123456789} />,
  // @ts-expect-error `state` is read-only: read it through the ref
  <CallButton state="idle" />,
  // @ts-expect-error call-end's detail is a CallRecord: it has no `code`
  <CallButton onCallEnd={(event) => event.detail.code} />,
  // @ts-expect-error <AircallSettings> has no call events
  <AircallSettings onCallEnd={() => undefined} />,
  // @ts-expect-error notify is 'all' | 'errors' | 'none'
  <CallNotification notify="sometimes" />,
];
