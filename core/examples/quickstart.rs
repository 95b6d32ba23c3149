//! The quick start, end to end, with no cluster: the two app services of the aks-vote
//! sample (a Redis and a web front that needs it) are released in dependency order with a
//! beta pause, a quick image update of the front goes wrong and is rolled back, then one
//! day of timed scaling runs in virtual time. Everything is one scenario file,
//! `examples/quickstart/scenario.json` (the Python and Node packages ship the same file:
//! `weir.quickstart_scenario()`), run by `weir::simulation::Simulation`.
//!
//! Run: `cargo run -p weir --example quickstart`

use std::collections::BTreeMap;

use weir::simulation::{Action, EventKind, Scenario, SimEvent, Simulation, SimulationResult};

use weir::{DagInput, DagService, Scaling};

const SCENARIO: &str = include_str!("quickstart/scenario.json");

type Failure = Box<dyn std::error::Error>;

fn main() -> Result<(), Failure> {
    let scenario: Scenario = serde_json::from_str(SCENARIO)?;
    println!(
        "weir quick start — {}",
        scenario.name.as_deref().unwrap_or("-")
    );
    println!("(virtual time, Asia/Shanghai; the cluster is simulated, nothing is deployed)\n");
    services(&scenario)?;
    dag(&scenario)?;
    let mut sim = Simulation::new(scenario.clone())?;
    let mut chapters = Chapters::default();
    while let Some(step) = sim.step()? {
        for e in &step.events {
            chapters.print(e);
        }
    }
    let result = sim.result();
    summary(&result);
    let path = std::env::current_dir()?
        .join("target")
        .join("quickstart-day.svg");
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir)?;
    }
    std::fs::write(&path, result.to_svg())?;
    println!(
        "\nThe day as a chart (replicas, nodes, water level): {}",
        path.display()
    );
    Ok(())
}

fn services(sc: &Scenario) -> Result<(), Failure> {
    println!("1. The app services");
    for s in &sc.services {
        weir::validate(&s.spec, None)?;
        let c = s.spec.template.containers.first().ok_or("a container")?;
        let req = c.resources.as_ref().and_then(|r| r.requests.as_ref());
        let cpu = req
            .and_then(|r| r.cpu.as_ref())
            .map(|q| q.parse())
            .transpose()?;
        let mem = req
            .and_then(|r| r.memory.as_ref())
            .map(|q| q.parse())
            .transpose()?;
        let scaling = match &s.spec.scaling {
            Some(Scaling::Fixed { replicas }) => {
                format!("fixed, {} replica(s)", replicas.unwrap_or(1))
            }
            Some(Scaling::Elastic {
                initial_replicas,
                min_replicas,
                max_replicas,
                policies,
            }) => format!(
                "elastic, {initial_replicas} at first, between {min_replicas} and {max_replicas}, {} timed policies",
                policies.len()
            ),
            None => "fixed, 1 replica".into(),
        };
        let show = |q: Option<weir::Quantity>| q.map_or("-".to_owned(), |q| q.to_string());
        println!("   {} (app {}): valid", s.spec.name, s.spec.app);
        println!("     image {}", c.image);
        println!(
            "     requests cpu {} memory {}; scaling {scaling}",
            show(cpu),
            show(mem)
        );
    }
    Ok(())
}

fn dag(sc: &Scenario) -> Result<(), Failure> {
    let Some(Action::Release { services, .. }) = sc.script.first().map(|a| &a.action) else {
        return Ok(());
    };
    let input = DagInput {
        services: services
            .iter()
            .map(|t| DagService {
                name: t.service.clone(),
                depends_on: t.depends_on.clone(),
                duration_seconds: None,
            })
            .collect(),
    };
    let analysis = weir::analyze_dag(&input)?;
    println!("\n2. The release order's dependency graph: one wave after the other");
    for (i, wave) in analysis.waves.iter().enumerate() {
        println!("   wave {}: {}", i + 1, wave.join(", "));
    }
    Ok(())
}

/// Prints the events under a heading per part of the story.
#[derive(Default)]
struct Chapters {
    seen: BTreeMap<u8, ()>,
    scale_lines: u32,
}

impl Chapters {
    fn print(&mut self, e: &SimEvent) {
        let chapter = match (e.kind, e.subject.as_deref(), e.text.as_str()) {
            (_, Some("order-1"), _) if e.text.starts_with("plan") => 3,
            (_, Some("order-2"), _) if e.text.starts_with("plan") => 4,
            (_, _, t) if t.starts_with("quick image update") => 4,
            (EventKind::Scale, ..) if self.seen.contains_key(&4) => 5,
            _ => 0,
        };
        if chapter > 0 && self.seen.insert(chapter, ()).is_none() {
            println!("\n{}", heading(chapter));
        }
        if e.kind == EventKind::Scale || e.kind == EventKind::Pods && self.seen.contains_key(&5) {
            self.scale_lines += 1;
        }
        println!("   {}", local(e));
    }
}

/// The event's line with its time in the scenario's zone (Asia/Shanghai).
fn local(e: &SimEvent) -> String {
    let when = chrono::DateTime::from_timestamp(e.at.unix_seconds() as i64, 0)
        .map(|t| {
            t.with_timezone(&chrono_tz::Asia::Shanghai)
                .format("%H:%M:%S")
                .to_string()
        })
        .unwrap_or_default();
    match &e.subject {
        Some(s) => format!("{when}  {s}: {}", e.text),
        None => format!("{when}  {}", e.text),
    }
}

fn heading(chapter: u8) -> &'static str {
    match chapter {
        3 => {
            "3. The release: redis first, then the front (its beta group, a confirmation, a pause)"
        }
        4 => {
            "4. A quick image update of the front that goes wrong: the failed group and a rollback"
        }
        _ => {
            "5. One day of timed scaling: a linear morning ramp, the peak, an HPA window, the night"
        }
    }
}

fn summary(r: &SimulationResult) {
    let s = &r.summary;
    println!("\n6. Summary");
    for rel in &s.releases {
        let services: Vec<String> = rel
            .services
            .iter()
            .map(|(k, v)| format!("{k} {v}"))
            .collect();
        let outcome = rel
            .outcome
            .map_or("unfinished".to_owned(), |o| format!("{o:?}").to_lowercase());
        println!(
            "   release {:<8} {outcome:<10} {}",
            rel.order,
            services.join(", ")
        );
    }
    let rows = [
        (
            "steps taken (instants with something to do)",
            s.steps.to_string(),
        ),
        ("node-hours", format!("{:.2}", s.node_hours)),
        ("peak nodes", s.peak_nodes.to_string()),
        ("peak cpu requested", format!("{:.1} %", s.peak_cpu_percent)),
        (
            "longest wait for a node",
            format!("{} s", s.longest_pending_seconds),
        ),
        ("pods waiting at the end", s.pending_at_end.to_string()),
        (
            "nodes the autoscaler added / removed",
            format!("{} / {}", s.nodes_added, s.nodes_removed),
        ),
        (
            "invariant checks passed",
            format!("{} of {}", s.invariant_checks, s.steps),
        ),
    ];
    for (k, v) in rows {
        println!("   {k:<45} {v}");
    }
    for (svc, n) in &s.final_replicas {
        println!("   {:<45} {n}", format!("replicas of {svc} at the end"));
    }
}
