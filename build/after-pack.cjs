// electron-builder afterPack hook: flips the Electron fuses of the packaged binary before it is signed
// (electron-builder signs after this hook; flipping after signing would break the signature).
// RunAsNode off: the app cannot be used as a plain Node (ELECTRON_RUN_AS_NODE) to run other code with
// its identity and keychain entitlements. Cookies encrypted at rest. NODE_OPTIONS and --inspect ignored:
// no code injection or debugger through the environment or the command line. The app is loaded only
// from app.asar, whose integrity is checked against the hash recorded at packaging (macOS, Windows).
const { join } = require('node:path');
const { flipFuses, FuseVersion, FuseV1Options } = require('@electron/fuses');

/** @param {import('electron-builder').AfterPackContext} context */
exports.default = async function afterPack(context) {
  const { appOutDir, electronPlatformName, packager, arch } = context;
  const name = packager.appInfo.productFilename;
  const binary = {
    darwin: join(appOutDir, `${name}.app`),
    mas: join(appOutDir, `${name}.app`),
    win32: join(appOutDir, `${name}.exe`),
    linux: join(appOutDir, packager.executableName),
  }[electronPlatformName];
  if (!binary) throw new Error(`after-pack: no Electron binary known for ${electronPlatformName}`);
  await flipFuses(binary, {
    version: FuseVersion.V1,
    // Flipping fuses changes the binary; on Apple silicon its ad-hoc signature must be redone before the
    // real signing step (electron-builder's) replaces it.
    resetAdHocDarwinSignature: electronPlatformName === 'darwin' && arch === 3 /* Arch.arm64 */,
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
  });
};
