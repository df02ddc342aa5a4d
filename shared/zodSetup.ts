import { z } from 'zod';

/**
 * Imported first by every page-side entry (renderer, Electron preload). zod 4 probes for
 * `new Function` (its JIT fast path) the first time an object schema is built, and shared/ builds
 * schemas at import time. Under the app's CSP (no 'unsafe-eval') that probe is refused and
 * reported as a violation even though zod catches it; jitless skips the probe.
 */
z.config({ jitless: true });
