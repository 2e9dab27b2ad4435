/** The tests' resetLibrary leaves nothing of one test to the next: no notification survives into the next test's toasts. */
import { expect } from '@open-wc/testing';
import { pageRuntime, resetPageRuntime } from '../../src/calls/page-runtime.js';
import { $notifications } from '../../src/store/notifications.js';
import { pushNotification } from '../../src/store/push-notification.js';
import { resetLibrary } from '../helpers/reset.js';

describe('resetLibrary (test helper)', () => {
  afterEach(resetLibrary);

  it('clears the notifications pushed while a runtime was there', async () => {
    pageRuntime();
    pushNotification({ kind: 'error', messageKey: 'notify.dead', params: { detail: 'HTTP 500' }, code: 'storage-failed' });
    await resetLibrary();
    expect($notifications.get()).to.deep.equal([]);
  });

  it('clears the notifications pushed with no runtime on the page', async () => {
    await resetPageRuntime();
    pushNotification({ kind: 'error', messageKey: 'notify.dead', params: { detail: 'HTTP 500' }, code: 'storage-failed' });
    await resetLibrary();
    expect($notifications.get()).to.deep.equal([]);
  });
});
