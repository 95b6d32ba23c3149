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
const hpa = new weir.HpaState({ tolerance: 0.1 });
const rec: weir.HpaRecommendation = hpa.handle('2026-01-01T00:00:00Z', {
  spec: { maxReplicas: 5, metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }] },
  currentReplicas: 1,
  pods: [],
  metrics: [{ error: 'metrics API down' }],
});
const desired: number = rec.desiredReplicas;
const snap: weir.HpaSnapshot = hpa.snapshot();
const next: string | null = hpa.pollTimeout();
const fires: string[] = weir.cronNext({ cron: '0 9 * * 1-5', timeZone: 'Asia/Shanghai', after: '2026-11-27T00:00:00Z', count: 3 }).fires;
const curve: weir.ReplicaCurve = weir.replicaCurve({
  scaling: { type: 'elastic', initialReplicas: 1, minReplicas: 1, maxReplicas: 3 },
  from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z', stepSeconds: 3600,
});
const svg: string = weir.replicaCurveSvg(curve);
const eff: weir.Effective = weir.effectiveAt({ scaling: { type: 'fixed', replicas: 2 }, at: '2026-01-01T00:00:00Z' });
void [canonical, fmt, term, l, desired, snap, next, fires, svg, eff];
