// The project's root directory, for files read at run time (package.json, web/dist). This module sits
// one level below the root, as does the bundle built by scripts/build-server.mjs, so the same
// relative URL holds whether the sources run through tsx or as the bundle.
export const ROOT_URL = new URL('../', import.meta.url);
