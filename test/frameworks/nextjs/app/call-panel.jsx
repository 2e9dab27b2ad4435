'use client';
import { useEffect, useState } from 'react';
import { CallButton, CallControls, CallNotification } from 'call-elements/react';

export function CallPanel({ number, name }) {
  const [lastCall, setLastCall] = useState();
  useEffect(() => {
    document.documentElement.dataset.ready = 'true'; // for scripts/test-frameworks.mjs: hydrated
  }, []);
  return (
    <>
      <CallControls />
      <CallButton number={number} displayName={name} onCallEnd={(event) => setLastCall(event.detail)} />
      {lastCall && <p id="last-call">Last call: {lastCall.status}</p>}
      <CallNotification notify="all" />
    </>
  );
}
