// Compiled (not run) by `npm run typecheck`: the declarations type the documented usage.
import * as weir from '..';

const q: weir.ParsedQuantity = weir.parseQuantity('1.5Gi');
const canonical: string = q.canonical;
const fmt: weir.QuantityFormat = q.format;
const m: weir.NodeSelectorMatch = weir.matchNodeSelector({
  nodeSelector: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'unit', operator: 'In', values: ['rz00a'] }] }] },
  nodeName: 'node-1',
  labels: { unit: 'rz00a' },
});
const term: number | undefined = m.matchedTerm ?? undefined;
const l: weir.LabelSelectorMatch = weir.matchLabelSelector({ selector: { matchLabels: { app: 'vote' } }, labels: {} });
try {
  weir.validateLabels({ '-bad': 'v' });
} catch (e) {
  const err = e as weir.WeirError;
  if (err.details.type === 'validation') {
    const paths: string[] = err.details.fields.map((f) => f.path);
    void paths;
  }
}
void [canonical, fmt, term, l];
