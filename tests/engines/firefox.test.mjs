// The cross-engine suite (suite.mjs) in Firefox: Debian's firefox-esr, headless, over WebDriver BiDi.
import { crossEngineSuite } from './suite.mjs';

crossEngineSuite('firefox');
