//! Draw a week of timed scaling policies as a replica curve (副本曲线预览) and write it as
//! SVG: `cargo run -p weir --example replica_curve -- docs/replica-curve.svg`.

use weir::scaling::timed::{CurveInput, replica_curve};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let input: CurveInput = serde_json::from_value(serde_json::json!({
        "scaling": {
            "type": "elastic", "initialReplicas": 2, "minReplicas": 2, "maxReplicas": 20,
            "policies": [
                // Base layer (no duration, priority 0): in effect until another base fires.
                {"name": "workday", "schedule": {"cron": "0 8 * * 1-5", "timeZone": "Asia/Shanghai"},
                 "action": {"type": "replicas", "replicas": 8}},
                {"name": "night", "schedule": {"cron": "0 20 * * *", "timeZone": "Asia/Shanghai"},
                 "action": {"type": "replicas", "replicas": 3}},
                // Windows (duration, priority ≥ 1): on top of the base while they last.
                {"name": "morning-ramp", "schedule": {"cron": "0 7 * * 1-5", "timeZone": "Asia/Shanghai"},
                 "durationSeconds": 3600, "priority": 1,
                 "action": {"type": "replicas", "replicas": 8,
                            "ramp": {"from": 3, "to": 12, "mode": "accelerating"}}},
                {"name": "lunch-peak", "schedule": {"cron": "30 11 * * 1-5", "timeZone": "Asia/Shanghai"},
                 "durationSeconds": 7200, "priority": 2,
                 "action": {"type": "metric", "targets": {"cpuUtil": 60},
                            "minReplicas": 8, "maxReplicas": 16}},
                {"name": "batch", "schedule": {"at": "2026-12-05T02:00:00+08:00"},
                 "durationSeconds": 14400, "priority": 5,
                 "action": {"type": "replicas", "replicas": 18,
                            "ramp": {"from": 18, "to": 4, "mode": "decelerating"}}}
            ]
        },
        "from": "2026-11-29T16:00:00Z",
        "to": "2026-12-06T16:00:00Z",
        "stepSeconds": 300
    }))?;
    let curve = replica_curve(&input)?;
    let svg = curve.to_svg()?;
    match std::env::args().nth(1) {
        Some(path) => std::fs::write(&path, &svg)?,
        None => print!("{svg}"),
    }
    eprintln!(
        "{} points from {} to {}",
        curve.points.len(),
        curve.from,
        curve.to
    );
    Ok(())
}
