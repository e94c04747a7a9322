// A small document whose fragments spread each other in a chain: fragment F0 spreads F1 twice, F1
// spreads F2 twice, ...: 2^levels paths through the fragments for a document of about 40 bytes a level.
export function fragmentChain(levels: number, { twins = false } = {}): string {
  const fragments = [];
  for (let i = 0; i < levels; i++) {
    // twins: F(i) spreads F(i+1) and its identical twin G(i+1), which execution does not merge by name.
    fragments.push(`fragment F${i} on Query { ...F${i + 1} ...${twins ? 'G' : 'F'}${i + 1} }`);
    if (twins && i > 0) fragments.push(`fragment G${i} on Query { ...F${i + 1} ...G${i + 1} }`);
  }
  fragments.push(`fragment F${levels} on Query { me { id } }`);
  if (twins) fragments.push(`fragment G${levels} on Query { me { id } }`);
  return `{ ...F0 } ${fragments.join(' ')}`;
}
