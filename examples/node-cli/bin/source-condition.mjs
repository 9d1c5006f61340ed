// Module resolve hook for bin/moodtunes.js: workspace packages resolve to their TypeScript sources
// through the `@moodtunes/source` export condition.
export function resolve(specifier, context, next) {
  return next(specifier, { ...context, conditions: ['@moodtunes/source', ...context.conditions] });
}
