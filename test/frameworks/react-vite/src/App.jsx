import { useEffect, useState } from 'react';
import { CallButton, CallControls, CallNotification } from 'call-elements/react';

export function App() {
  const [lastCall, setLastCall] = useState();
  useEffect(() => {
    document.documentElement.dataset.ready = 'true'; // for scripts/test-frameworks.mjs: mounted
  }, []);
  return (
    <main>
      <CallControls />
      <CallButton number="+33123456789" displayName="Jean Dupont" onCallEnd={(event) => setLastCall(event.detail)} />
      {lastCall && <p id="last-call">Last call: {lastCall.status}</p>}
      <CallNotification notify="all" />
    </main>
  );
}
