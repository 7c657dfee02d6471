// The cross-engine suite (suite.mjs) in WebKit: WebKitGTK's MiniBrowser under Xvfb, over W3C WebDriver.
import { crossEngineSuite } from './suite.mjs';

crossEngineSuite('webkit');
