/** What a tab believes of the queue's channel: its own kind of messages, well formed, nothing else. */
import { expect } from '@open-wc/testing';
import { parseQueueMessage } from '../../src/outbox/coordination.js';

describe('parseQueueMessage', () => {
  it('"stored" carries the confirmed version (revision and generation) when both are well formed', () => {
    expect(parseQueueMessage({ type: 'stored', key: 'call:a', id: 'a', revision: 3, createdAt: 1700000000000 })).to.deep.equal({
      type: 'stored',
      key: 'call:a',
      id: 'a',
      revision: 3,
      createdAt: 1700000000000,
    });
    // An older version's report: no generation, or no version at all.
    expect(parseQueueMessage({ type: 'stored', key: 'call:a', id: 'a', revision: 3 })).to.deep.equal({ type: 'stored', key: 'call:a', id: 'a', revision: 3 });
    expect(parseQueueMessage({ type: 'stored', key: 'call:a', id: 'a' })).to.deep.equal({ type: 'stored', key: 'call:a', id: 'a' });
  });

  it('drops a version that is not one: a generation without a revision, a bad revision, a generation that is not a number', () => {
    expect(parseQueueMessage({ type: 'stored', key: 'call:a', id: 'a', createdAt: 5 })).to.deep.equal({ type: 'stored', key: 'call:a', id: 'a' });
    expect(parseQueueMessage({ type: 'stored', key: 'call:a', id: 'a', revision: 0, createdAt: 5 })).to.deep.equal({ type: 'stored', key: 'call:a', id: 'a' });
    expect(parseQueueMessage({ type: 'stored', key: 'call:a', id: 'a', revision: 2, createdAt: '5' })).to.deep.equal({ type: 'stored', key: 'call:a', id: 'a', revision: 2 });
    expect(parseQueueMessage({ type: 'stored', key: 'call:a', id: 'a', revision: 2, createdAt: Number.NaN })).to.deep.equal({ type: 'stored', key: 'call:a', id: 'a', revision: 2 });
  });

  it('ignores what is not ours', () => {
    expect(parseQueueMessage({ type: 'stored', key: '', id: 'a' })).to.equal(undefined);
    expect(parseQueueMessage({ type: 'teleported' })).to.equal(undefined);
    expect(parseQueueMessage('stored')).to.equal(undefined);
  });
});
