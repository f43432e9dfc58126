import { expect } from '@open-wc/testing';
import { imageBlob, naturalSize } from '../../helpers/images.js';
import { thumbnailOf } from '../../../src/elements/support-chat-panel/thumbnails.js';

/**
 * A host page whose Content Security Policy forbids the thumbnail worker (`worker-src` without `data:`) still gets
 * small thumbnails: the same steps run on the main thread. The policy is this test file's own page's (a `<meta>`
 * inserted before the first thumbnail; each test file runs in a fresh page, so no other file is affected).
 */
describe('thumbnails under a CSP that forbids the worker', () => {
  it('blocks the data: worker (a real CSP violation) and still makes the small copy on the main thread', async () => {
    const meta = document.createElement('meta');
    meta.httpEquiv = 'Content-Security-Policy';
    meta.content = "worker-src 'self' blob:";
    document.head.append(meta);
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(event.effectiveDirective));

    const wide = await imageBlob(900, 300);
    const thumbnail = await thumbnailOf(wide, { width: 300, height: 300 });

    expect(violations, 'the worker was refused by the policy').to.include('worker-src');
    expect(thumbnail).not.to.equal(wide);
    expect(thumbnail.type).to.equal('image/webp');
    const url = URL.createObjectURL(thumbnail);
    try {
      expect(await naturalSize(url)).to.deep.equal({ width: 300, height: 100 });
    } finally {
      URL.revokeObjectURL(url);
    }
    // Later images go straight to the main thread (no second refused worker).
    const before = violations.length;
    const tall = await imageBlob(200, 800);
    const second = await thumbnailOf(tall, { width: 300, height: 300 });
    const secondUrl = URL.createObjectURL(second);
    try {
      expect(await naturalSize(secondUrl)).to.deep.equal({ width: 75, height: 300 });
    } finally {
      URL.revokeObjectURL(secondUrl);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(violations.length).to.equal(before);
  });
});
