//! Properties of the app service model (docs/model.md): normalize is idempotent and
//! agrees with validate, diff(a, a) is empty, a version never changes after submit, and a
//! refused command leaves the history byte-identical.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use proptest::prelude::*;
use serde_json::{Value, json};
use weir::{AppService, HistoryEvent, InPlaceRules, Upgrade, VersionHistory};

fn name() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z][a-z0-9-]{0,8}[a-z0-9]",
        1 => "[A-Za-z0-9_ -]{0,6}",
    ]
}

fn quantity() -> impl Strategy<Value = Value> {
    prop::sample::select(vec![
        json!("500m"),
        json!("1"),
        json!("128Mi"),
        json!("1Gi"),
        json!(0.5),
        json!(2),
        json!("1.5Gi"),
        json!("-1"),
        json!("1gb"),
        json!("0"),
        json!("2000m"),
    ])
}

fn port() -> impl Strategy<Value = i32> {
    prop_oneof![4 => 1..65536i32, 1 => prop::sample::select(vec![0, -1, 65536, 70000])]
}

/// App services around the seed's quick start, with valid and invalid parts mixed in.
fn app_service() -> impl Strategy<Value = AppService> {
    (
        name(),
        name(),
        prop::collection::vec((name(), prop::sample::select(vec!["redis:6", "nginx:1.25", "Bad Image", "reg.example.com/a/b:v1"]), quantity(), quantity(), quantity(), quantity()), 1..4),
        prop::option::of(-2..12i32),
        prop::collection::vec((name(), port(), port(), any::<bool>()), 0..3),
        prop::option::of(prop::sample::select(vec!["inPlace", "replace"])),
        prop::option::of(prop::sample::select(vec![json!({"type": "fast"}), json!({"type": "perPod"}), json!({"type": "fast", "minGroups": 0})])),
        prop::option::of("/[a-z]{1,8}|[a-z]{1,4}"),
    )
        .prop_map(|(svc, app, containers, replicas, services, mode, grouping, monitoring)| {
            let containers: Vec<Value> = containers
                .into_iter()
                .map(|(n, image, rc, rm, lc, lm)| {
                    let mut c = json!({"name": n, "image": image,
                        "resources": {"requests": {"cpu": rc, "memory": rm}, "limits": {"cpu": lc, "memory": lm}}});
                    if let Some(m) = &monitoring {
                        c["monitoringDir"] = json!(m);
                    }
                    c
                })
                .collect();
            let services: Vec<Value> = services
                .into_iter()
                .map(|(n, p, t, lb)| if lb {
                    json!({"name": n, "access": {"type": "internetLB", "loadBalancer": "create", "ports": [{"protocol": "TCP", "frontendPort": p, "backendPort": t}]}})
                } else {
                    json!({"name": n, "access": {"type": "clusterIP", "ports": [{"protocol": "TCP", "port": p, "targetPort": t}]}})
                })
                .collect();
            let mut spec = json!({"name": svc, "app": app, "template": {"containers": containers}, "services": services});
            if let Some(r) = replicas {
                spec["scaling"] = json!({"type": "fixed", "replicas": r});
            }
            let mut deploy = json!({});
            if let Some(m) = mode {
                deploy["upgradeMode"] = json!(m);
            }
            if let Some(g) = grouping {
                deploy["grouping"] = g;
            }
            spec["deploy"] = deploy;
            serde_json::from_value(spec).unwrap()
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// normalize(normalize(s)) == normalize(s), and normalize succeeds exactly when validate does.
    #[test]
    fn normalize_is_idempotent(s in app_service()) {
        let n = weir::normalize(&s, None);
        prop_assert_eq!(n.is_ok(), weir::validate(&s, None).is_ok());
        if let Ok(n) = n {
            prop_assert_eq!(weir::normalize(&n, None).unwrap(), n);
        }
    }

    /// diff(a, a) is empty and touches no pod, under both rule sets.
    #[test]
    fn diff_with_itself_is_empty(s in app_service()) {
        if weir::validate(&s, None).is_ok() {
            for rules in [InPlaceRules::Seed, InPlaceRules::Kubernetes] {
                let d = weir::diff(&s, &s, rules, None).unwrap();
                prop_assert!(d.changes.is_empty() && d.upgrade == Upgrade::None && d.warnings.is_empty());
                prop_assert!(d.pre_tasks.is_empty() && d.post_tasks.is_empty());
            }
        }
    }

    /// Any two valid specs: equal normalized forms have an empty diff, an empty diff touches
    /// no pod, and the Kubernetes rules never upgrade in place where the seed's recreate.
    #[test]
    fn diff_agrees_with_equality(a in app_service(), b in app_service()) {
        if let (Ok(na), Ok(nb)) = (weir::normalize(&a, None), weir::normalize(&b, None)) {
            let seed = weir::diff(&a, &b, InPlaceRules::Seed, None).unwrap();
            let k8s = weir::diff(&a, &b, InPlaceRules::Kubernetes, None).unwrap();
            // Equal specs have no changes; the converse holds up to quantity spellings of
            // the same value, which diff aligns.
            if na == nb {
                prop_assert!(seed.changes.is_empty());
            }
            if seed.changes.is_empty() {
                prop_assert_eq!(seed.upgrade, Upgrade::None);
            }
            if seed.upgrade == Upgrade::Recreate {
                prop_assert_eq!(k8s.upgrade, Upgrade::Recreate);
            }
        }
    }
}

fn command() -> impl Strategy<Value = (u8, AppService, u8)> {
    (0u8..14, app_service(), 0u8..4)
}

fn build(kind: u8, spec: AppService, k: u8, step: usize) -> (weir::time::Timestamp, HistoryEvent) {
    let now = format!("2026-11-27T{:02}:{:02}:00Z", 8 + step / 60, step % 60)
        .parse()
        .unwrap();
    let version = format!("v{}", k + 1);
    let order = format!("order-{k}");
    let event = match kind {
        0 => HistoryEvent::Create {
            spec,
            author: "ana".into(),
        },
        1 => HistoryEvent::Edit {
            draft: [
                None,
                Some(weir::DraftChoice::Restore),
                Some(weir::DraftChoice::Discard),
            ]
            .get(usize::from(k % 3))
            .copied()
            .flatten(),
        },
        2 => HistoryEvent::UpdateDraft { spec },
        3 => HistoryEvent::CopyToDraft {
            version,
            discard_draft: k.is_multiple_of(2),
        },
        4 => HistoryEvent::DiscardDraft,
        5 => HistoryEvent::Submit {
            author: "bo".into(),
        },
        6 => HistoryEvent::ChangeImage {
            container: spec.template.containers[0].name.clone(),
            image: "redis:7".into(),
            author: "ana".into(),
        },
        7 => HistoryEvent::ChangeReplicas {
            replicas: i32::from(k) - 1,
            author: "ana".into(),
        },
        8 => HistoryEvent::BeginRelease {
            version,
            release_order: order,
            rollback: k == 3,
        },
        9 => HistoryEvent::MarkPublished {
            release_order: order,
        },
        10 => HistoryEvent::MarkFailed {
            release_order: order,
        },
        11 => HistoryEvent::CancelRelease {
            release_order: order,
        },
        12 => {
            if k.is_multiple_of(2) {
                HistoryEvent::BeginOperation {
                    operation: "restart".into(),
                }
            } else {
                HistoryEvent::EndOperation
            }
        }
        _ => HistoryEvent::Delete,
    };
    (now, event)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// Random command sequences: a refused command leaves the snapshot byte-identical; a
    /// version's id, spec, author, time and source never change once it exists; ids are
    /// v1..vn in order; snapshot → restore continues identically.
    #[test]
    fn history_invariants(seq in prop::collection::vec(command(), 1..40)) {
        let mut h = VersionHistory::new(None);
        let redis: AppService = serde_json::from_str(include_str!("fixtures/quickstart/aks-vote-redis-appservice.json")).unwrap();
        h.handle("2026-11-27T07:00:00Z".parse().unwrap(), HistoryEvent::Create { spec: redis, author: "ana".into() }).unwrap();
        let ident = |v: &weir::Version| serde_json::to_string(&(&v.id, &v.spec, &v.author, &v.created_at, v.source, &v.based_on)).unwrap();
        for (step, (kind, spec, k)) in seq.into_iter().enumerate() {
            let before = serde_json::to_string(&h.snapshot()).unwrap();
            let old: Vec<String> = h.versions().iter().map(ident).collect();
            let (now, event) = build(kind, spec, k, step);
            let mut twin = VersionHistory::restore(serde_json::from_str(&before).unwrap()).unwrap();
            let result = h.handle(now, event.clone());
            prop_assert_eq!(&twin.handle(now, event), &result, "a restored history continues identically");
            if result.is_err() {
                prop_assert_eq!(serde_json::to_string(&h.snapshot()).unwrap(), before);
            }
            for (n, v) in old.iter().enumerate() {
                prop_assert_eq!(&ident(&h.versions()[n]), v);
            }
            for (n, v) in h.versions().iter().enumerate() {
                prop_assert_eq!(&v.id, &format!("v{}", n + 1));
            }
            if let Some(a) = h.activity() {
                prop_assert!(h.snapshot().failed_release.is_none() || a.kind == weir::ActivityKind::Operation);
            }
        }
    }
}

proptest! {
    /// The shortcut for whole digits with a plain suffix gives exactly what the general
    /// parser gives for the same value written another way (`N.0` forces the general path).
    #[test]
    fn simple_quantities_parse_like_the_general_path(
        v in 0u64..1_000_000_000_000_000_000,
        suffix in prop::sample::select(vec!["", "m", "u", "n", "k", "M", "G", "Ki", "Mi", "Gi", "Ti"]),
    ) {
        let fast = weir::Quantity::parse(&format!("{v}{suffix}"));
        let general = weir::Quantity::parse(&format!("{v}.0{suffix}"));
        match (fast, general) {
            (Ok(a), Ok(b)) => {
                prop_assert_eq!(a.nano_value(), b.nano_value());
                prop_assert_eq!(a.format(), b.format());
            }
            (Err(a), Err(b)) => prop_assert_eq!(a.code(), b.code()),
            (a, b) => prop_assert!(false, "{:?} vs {:?}", a, b),
        }
    }
}
