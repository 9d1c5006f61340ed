import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

// Workspace packages resolve to their TypeScript sources through this export condition,
// so tests run against src/ with no build step.
const conditions = ['@moodtunes/source', 'node', 'import', 'module', 'default'];

export function packageProject(name: string, extra: UserWorkspaceConfig['test'] = {}) {
  return defineProject({
    resolve: { conditions },
    ssr: { resolve: { conditions, externalConditions: ['@moodtunes/source'] } },
    test: { name, environment: 'node', testTimeout: 60_000, ...extra },
  });
}
