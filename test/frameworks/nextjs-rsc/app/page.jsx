// A Server Component that renders the library's React components itself: call-elements/react must be a
// client module ('use client') for this to build. Server Components cannot pass callbacks, so the page's
// call-end listener is a small Client Component of its own.
import { CallButton, CallControls, CallNotification } from 'call-elements/react';
import { LastCall } from './last-call.jsx';

export default function Page() {
  return (
    <main>
      <h1>Calls</h1>
      <CallControls />
      <CallButton number="+33123456789" displayName="Jean Dupont" />
      <LastCall />
      <CallNotification notify="all" />
    </main>
  );
}
