// The rule registry. Every folder under rules/ is listed here (a test checks it), so the bundle holds them all.
import type { Rule } from "../src/engine/rule.js";
import bindMountHidesImage from "./bind-mount-hides-image/index.js";
import crlfFixWrong from "./crlf-fix-wrong/index.js";
import keepaliveHack from "./keepalive-hack/index.js";
import linksLegacy from "./links-legacy/index.js";
import listenerLoopbackOnly from "./listener-loopback-only/index.js";
import mainProcessDaemonizes from "./main-process-daemonizes/index.js";
import plaintextSecret from "./plaintext-secret/index.js";
import proxyProtocolMismatch from "./proxy-protocol-mismatch/index.js";
import scriptCrlf from "./script-crlf/index.js";
import upstreamHostUnknown from "./upstream-host-unknown/index.js";
import upstreamPortMismatch from "./upstream-port-mismatch/index.js";

export const RULES: readonly Rule[] = [
  bindMountHidesImage,
  crlfFixWrong,
  keepaliveHack,
  linksLegacy,
  listenerLoopbackOnly,
  mainProcessDaemonizes,
  plaintextSecret,
  proxyProtocolMismatch,
  scriptCrlf,
  upstreamHostUnknown,
  upstreamPortMismatch,
];
