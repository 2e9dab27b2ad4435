import { expect } from '@open-wc/testing';
import { loadTwilioSdk } from '../../src/providers/twilio/index.js';
import { loadAircallSdk } from '../../src/providers/aircall/index.js';

describe('vendor SDKs load lazily as real packages', () => {
  it('loads @twilio/voice-sdk on demand, with a performance measure, and shares one load', async () => {
    const first = loadTwilioSdk();
    const second = loadTwilioSdk();
    expect(first).to.equal(second);
    const sdk = await first;
    expect(sdk.Device).to.be.a('function');
    expect(typeof sdk.Device.isSupported).to.equal('boolean');
    expect(performance.getEntriesByName('call-elements:twilio-sdk', 'measure')).to.have.length.greaterThan(0);
  });

  it('loads the AircallWorkspace class of aircall-everywhere (through its default-export interop)', async () => {
    const AircallWorkspace = await loadAircallSdk();
    expect(AircallWorkspace).to.be.a('function');
    expect(AircallWorkspace.prototype.send).to.be.a('function');
    expect(AircallWorkspace.prototype.on).to.be.a('function');
    expect(AircallWorkspace.prototype.isLoggedIn).to.be.a('function');
  });
});
