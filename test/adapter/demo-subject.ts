// A subject module in the shape `npm run conformance -- --adapter <module>` expects: the default export returns a
// fresh, signed-in customer — here the demo backend with its control (demoSubject from support-widgets/testing).
import { demoSubject } from '../../src/testing/index.js';

export default () => demoSubject();
