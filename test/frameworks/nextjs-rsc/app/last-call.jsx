'use client';
import { useEffect, useState } from 'react';

export function LastCall() {
  const [lastCall, setLastCall] = useState();
  useEffect(() => {
    const onCallEnd = (event) => setLastCall(event.detail);
    document.addEventListener('call-end', onCallEnd);
    document.documentElement.dataset.ready = 'true'; // for scripts/test-frameworks.mjs: hydrated
    return () => document.removeEventListener('call-end', onCallEnd);
  }, []);
  return lastCall ? <p id="last-call">Last call: {lastCall.status}</p> : null;
}
