// Repository tarballs the way GitHub's codeload serves them: gzip'd ustar, a pax global header carrying
// the commit SHA, and every entry under one "<owner>-<repo>-<sha7>/" directory. Written by hand (no tar
// library) so the fake does not share code with the Action's tarball reader.

import { gzipSync } from "node:zlib";

const BLOCK = 512;

function octal(value: number, width: number): string {
  return `${value.toString(8).padStart(width - 1, "0")}\0`;
}

function header(
  name: string,
  options: { size: number; type: "0" | "5" | "g"; mtime: number; prefix?: string },
): Buffer {
  const block = Buffer.alloc(BLOCK, 0);
  const write = (text: string, offset: number, length: number): void => {
    const bytes = Buffer.from(text, "utf8");
    if (bytes.length > length) throw new Error(`tar field too long: ${text}`);
    bytes.copy(block, offset);
  };
  write(name, 0, 100);
  write(octal(options.type === "5" ? 0o755 : 0o644, 8), 100, 8);
  write(octal(0, 8), 108, 8);
  write(octal(0, 8), 116, 8);
  write(octal(options.size, 12), 124, 12);
  write(octal(options.mtime, 12), 136, 12);
  block.fill(" ", 148, 156); // checksum placeholder
  write(options.type, 156, 1);
  write("ustar\0", 257, 6);
  write("00", 263, 2);
  write("root", 265, 32);
  write("root", 297, 32);
  if (options.prefix) write(options.prefix, 345, 155);
  let sum = 0;
  for (const byte of block) sum += byte;
  write(`${sum.toString(8).padStart(6, "0")}\0 `, 148, 8);
  return block;
}

/** Splits a path into ustar's name (<= 100 bytes) and prefix (<= 155 bytes). */
function splitPath(path: string): { name: string; prefix?: string } {
  if (Buffer.byteLength(path) <= 100) return { name: path };
  for (let i = path.indexOf("/"); i >= 0; i = path.indexOf("/", i + 1)) {
    const prefix = path.slice(0, i);
    const name = path.slice(i + 1);
    if (Buffer.byteLength(prefix) <= 155 && Buffer.byteLength(name) <= 100) return { name, prefix };
  }
  throw new Error(`path too long for the test server's tar writer: ${path}`);
}

function entry(path: string, type: "0" | "5" | "g", body: Buffer, mtime: number): Buffer[] {
  const { name, prefix } = splitPath(path);
  const padding = (BLOCK - (body.length % BLOCK)) % BLOCK;
  return [
    header(name, { size: body.length, type, mtime, ...(prefix ? { prefix } : {}) }),
    body,
    Buffer.alloc(padding),
  ];
}

function paxRecord(key: string, value: string): string {
  // "<length> <key>=<value>\n", where length counts itself.
  const rest = ` ${key}=${value}\n`;
  let length = Buffer.byteLength(rest) + 1;
  while (String(length).length + Buffer.byteLength(rest) !== length)
    length = String(length).length + Buffer.byteLength(rest);
  return `${length}${rest}`;
}

/** A .tar.gz of `files` (path -> content) under `root/`, like GitHub's /tarball/{ref}. */
export function makeTarball(
  root: string,
  files: Map<string, string>,
  commitSha: string,
  date: string,
): Buffer {
  const mtime = Math.floor(new Date(date).getTime() / 1000);
  const parts: Buffer[] = [
    ...entry("pax_global_header", "g", Buffer.from(paxRecord("comment", commitSha)), mtime),
  ];
  const directories = new Set<string>([""]);
  for (const path of [...files.keys()].sort()) {
    const segments = path.split("/");
    for (let i = 1; i < segments.length; i++) directories.add(segments.slice(0, i).join("/"));
  }
  const paths = [
    ...new Set([...directories].map((d) => (d === "" ? "" : `${d}/`)).concat([...files.keys()])),
  ].sort();
  for (const path of paths) {
    if (path === "" || path.endsWith("/")) {
      parts.push(...entry(`${root}/${path}`, "5", Buffer.alloc(0), mtime));
    } else {
      parts.push(...entry(`${root}/${path}`, "0", Buffer.from(files.get(path)!, "utf8"), mtime));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return gzipSync(Buffer.concat(parts));
}
