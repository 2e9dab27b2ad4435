// The side-effect entry (what the script-tag bundle is built from): the agent page's elements at once, the
// others when their tag first appears. Its own file: no other test has registered an element in this page.
import { expect } from '@open-wc/testing';
import * as entry from '../../src/call-elements.js';

const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('call-elements.js', () => {
  it('registers <call-button> and <call-notification> as it loads', () => {
    expect(customElements.get('call-button'), 'call-button').to.be.a('function');
    expect(customElements.get('call-notification'), 'call-notification').to.be.a('function');
  });

  it('downloads <call-controls> when the tag first appears in the document, and upgrades it', async () => {
    await settle();
    expect(customElements.get('call-controls'), 'not before the tag is used').to.equal(undefined);
    const controls = document.createElement('call-controls');
    document.body.append(controls);
    try {
      await customElements.whenDefined('call-controls');
      expect(controls).to.be.instanceOf(customElements.get('call-controls')!);
      await entry.defineCallControls();
      expect(controls.shadowRoot, 'rendered').to.not.equal(null);
    } finally {
      controls.remove();
    }
  });

  it('exports only the functions that load an on-demand element earlier: the API is the root entry\'s', () => {
    // A page that only writes HTML downloads neither configure() and its checks nor the classes of the
    // elements downloaded on demand (the script-tag bundle's index.js has the API).
    expect(Object.keys(entry).sort()).to.deep.equal(['defineAircallSettings', 'defineCallAudioSettings', 'defineCallControls', 'defineCallHistory']);
    for (const name of Object.keys(entry)) expect(entry[name as keyof typeof entry], name).to.be.a('function');
  });
});
