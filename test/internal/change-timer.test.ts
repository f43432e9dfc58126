import { expect } from '@open-wc/testing';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { ChangeTimer } from '../../src/internal/change-timer.js';
import { until } from '../helpers/backend.js';

/** A minimal host that counts update requests and runs the controller's hostUpdated on each. */
class Host implements ReactiveControllerHost {
  controllers: ReactiveController[] = [];
  requests = 0;
  updateComplete = Promise.resolve(true);
  addController(c: ReactiveController) {
    this.controllers.push(c);
  }
  removeController() {}
  requestUpdate() {
    this.requests += 1;
    queueMicrotask(() => this.controllers.forEach((c) => c.hostUpdated?.()));
  }
}

describe('ChangeTimer', () => {
  it('arms one timer for the next change, re-renders then, and re-arms for the one after', async () => {
    const host = new Host();
    // The host's own clock, moved forward exactly when a timer fires: the test does not depend on how late a timer
    // fires on a loaded machine.
    const start = Date.now();
    let clock = start;
    const changes = [start + 60, start + 120];
    const timer = new ChangeTimer(host, {
      now: () => new Date(clock),
      next: () => {
        const next = changes.find((c) => c > clock);
        return next ? new Date(next) : null;
      },
    });
    const armed: (number | null)[] = [];
    host.controllers.push({
      hostUpdated: () => armed.push(timer.armedFor?.getTime() ?? null),
    });
    const request = host.requestUpdate.bind(host);
    host.requestUpdate = () => {
      clock = timer.armedFor?.getTime() ?? clock; // the change that was due has come
      request();
    };
    timer.hostConnected();
    timer.hostUpdated();
    expect(timer.armedFor?.getTime()).to.equal(changes[0]);
    await until(() => timer.armedFor === null && host.requests === 2, 5000);
    // Re-armed for the second change, then nothing left: one re-render per change.
    expect(armed).to.deep.equal([changes[1], null]);
    expect(host.requests).to.equal(2);
    timer.hostDisconnected();
  });

  it('does not re-arm when the next change stays the same, and clears on disconnect', () => {
    const host = new Host();
    const at = new Date(Date.now() + 3600_000);
    const timer = new ChangeTimer(host, { now: () => new Date(), next: () => at });
    timer.hostConnected();
    const original = window.setTimeout;
    let armed = 0;
    window.setTimeout = ((fn: TimerHandler, ms?: number) => {
      armed += 1;
      return original(fn, ms);
    }) as typeof window.setTimeout;
    try {
      timer.hostUpdated();
      timer.hostUpdated();
      timer.hostUpdated();
    } finally {
      window.setTimeout = original;
    }
    expect(armed).to.equal(1);
    timer.hostDisconnected();
    expect(timer.armedFor).to.equal(null);
  });

  it('caps very distant changes to what setTimeout can hold', () => {
    const host = new Host();
    const timer = new ChangeTimer(host, { now: () => new Date(), next: () => new Date(Date.now() + 60 * 86_400_000) });
    timer.hostUpdated();
    expect(host.requests).to.equal(0); // a 2^31-1 ms timer, not an immediate overflow firing
    timer.hostDisconnected();
  });
});
