// The app's worker script: one line, so the bundler builds it as a module worker with fer-core inside.
import '@moodtunes/fer-core/worker';
