/**
 * What `dbar hint` orders. Hint 0 is the full barrier the LoongArch manual defines. For the other
 * hints bpf-herd follows the encoding of LoongArch v1.10 as Linux uses it
 * (arch/loongarch/include/asm/barrier.h): bit 4 picks an ordering (1) or a completion (0)
 * barrier, which order the same accesses; a clear bit 3 orders earlier loads, bit 2 earlier
 * stores, bit 1 later loads, bit 0 later stores (`dbar 0x14`, Linux's ldacq_mb(), orders earlier
 * loads with later accesses). Hint 0x700 orders a load after an earlier load of the same address
 * (Linux's __WEAK_LLSC_MB after LL/SC loops). Other hints are reserved: rejected.
 * Hardware that implements no hint but 0 treats every hint as `dbar 0`; the weaker reading is
 * the one a checker can rely on.
 */
export const DBAR_TAGS = ['BarPrevR', 'BarPrevW', 'BarSuccR', 'BarSuccW', 'BarSameAddrRR'] as const;

export const SAME_ADDRESS_LOADS = 0x700;

export const isDefinedHint = (hint: number): boolean => (hint >= 0 && hint <= 0x1f) || hint === SAME_ADDRESS_LOADS;

export function dbarTags(hint: number): string[] {
  if (hint === SAME_ADDRESS_LOADS) return ['BarSameAddrRR'];
  return DBAR_TAGS.slice(0, 4).filter((_, i) => (hint & (8 >> i)) === 0);
}
