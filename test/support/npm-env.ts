// The environment for an npm command that a test runs in another folder.
/**
 * The environment of `npm test` names this repository as npm's prefix and describes its package:
 * dropped, so that npm works in the other folder as if started there. `extra` wins over any
 * spelling of the same setting already set (npm reads npm_config_* case-insensitively).
 */
export function npmEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^npm_(config_(local_)?prefix|package_|lifecycle_)/i.test(name)) delete env[name];
  }
  for (const name of Object.keys(extra)) {
    for (const existing of Object.keys(env)) if (existing.toLowerCase() === name.toLowerCase()) delete env[existing];
  }
  return { ...env, ...extra };
}
