/**
 * A Linux process's resident set by the kind of mapping it lives in (/proc/<pid>/smaps), so a memory
 * reading says whose memory grew: V8's heap pages and other anonymous mappings, glibc's main arena
 * (`[heap]`, grown with brk), glibc's thread arenas (64 MiB-aligned reservations), or the files mapped.
 */
export type ResidentSet = {
  totalMb: number;
  /** Anonymous mappings that are not an arena: V8's heap and code pages, malloc's large blocks. */
  anonymousMb: number;
  mainArenaMb: number;
  threadArenasMb: number;
  filesMb: number;
};

type Mapping = { start: bigint; end: bigint; perms: string; name: string; rssKb: number };

const header = /^([0-9a-f]+)-([0-9a-f]+) (\S+) \S+ \S+ \S+\s*(.*)$/;
const rssLine = /^Rss:\s+(\d+) kB/;
/** glibc's HEAP_MAX_SIZE on 64-bit: each thread arena reserves this much, aligned to it. */
const arenaBytes = 64n * 1024n * 1024n;

function mappingsOf(smaps: string): Mapping[] {
  const mappings: Mapping[] = [];
  for (const line of smaps.split('\n')) {
    const head = header.exec(line);
    if (head) {
      mappings.push({
        start: BigInt(`0x${head[1]}`),
        end: BigInt(`0x${head[2]}`),
        perms: head[3] ?? '',
        name: head[4] ?? '',
        rssKb: 0,
      });
      continue;
    }
    const rss = rssLine.exec(line);
    const last = mappings.at(-1);
    if (rss && last) last.rssKb = Number(rss[1]);
  }
  return mappings;
}

/** An arena: an anonymous mapping on a 64 MiB boundary whose run of reserved (---p) neighbours fills 64 MiB. */
function isThreadArena(mappings: readonly Mapping[], index: number): boolean {
  const first = mappings[index];
  if (first === undefined) return false;
  if (first.name !== '' || first.start % arenaBytes !== 0n) return false;
  let size = first.end - first.start;
  for (let next = index + 1; next < mappings.length; next += 1) {
    const mapping = mappings[next];
    const previous = mappings[next - 1];
    if (
      !mapping ||
      !previous ||
      mapping.start !== previous.end ||
      mapping.name !== '' ||
      mapping.perms !== '---p'
    )
      break;
    size += mapping.end - mapping.start;
  }
  return size === arenaBytes;
}

const mb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

export function residentSetOf(smaps: string): ResidentSet {
  const mappings = mappingsOf(smaps);
  let anonymous = 0;
  let mainArena = 0;
  let threadArenas = 0;
  let files = 0;
  mappings.forEach((mapping, index) => {
    if (mapping.name === '[heap]') mainArena += mapping.rssKb;
    else if (mapping.name.startsWith('/')) files += mapping.rssKb;
    else if (isThreadArena(mappings, index)) threadArenas += mapping.rssKb;
    else if (mapping.name === '') anonymous += mapping.rssKb;
    // [stack], [vdso] and the like: counted in the total only.
  });
  const total = mappings.reduce((sum, mapping) => sum + mapping.rssKb, 0);
  return {
    totalMb: mb(total),
    anonymousMb: mb(anonymous),
    mainArenaMb: mb(mainArena),
    threadArenasMb: mb(threadArenas),
    filesMb: mb(files),
  };
}
