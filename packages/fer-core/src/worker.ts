// `@moodtunes/fer-core/worker`: import it in a module worker's script and the worker serves
// fer-core to the app (see createWorkerDetector). It runs nothing until the app sends `init`.
import { serveEmotionDetector } from './worker/serve';

serveEmotionDetector(self);
