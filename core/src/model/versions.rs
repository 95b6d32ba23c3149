//! `VersionHistory`: the versions and the draft of one app service, a sans-IO state
//! machine (seed 6.4 update, 6.5 delete, 6.7 release orders, 1.7 "同一个应用服务,不能同时进行
//! 发布和运维操作"; `docs/model.md`).
//!
//! Events come in as data ([`HistoryEvent`], tagged by `type`) at the caller's `now`;
//! the history answers with a [`HistoryOutcome`] or an error. A refused event —
//! `invalid_transition`, `conflict`, `not_found`, `validation` — changes nothing: every
//! check runs before the first write. [`VersionHistory::snapshot`] is the whole state as
//! JSON; [`VersionHistory::restore`] continues from it identically.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrorCode, FieldPath, Result, ValidationErrors};
use crate::machine::{Machine, check_forward};
use crate::model::app_service::{AppService, PlatformProfile};
use crate::model::hold::{Hold, Standing};
use crate::model::validate::normalize;
use crate::time::Timestamp;

mod check;
mod events;

/// How a version came to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum VersionSource {
    /// Creating the app service.
    Create,
    /// Submitting a draft (标准更新).
    Edit,
    /// The quick update "change image" (更换镜像).
    ChangeImage,
    /// The quick update "change replicas" (修改副本数).
    ChangeReplicas,
}

/// Whether a version was ever published.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum EditStatus {
    /// Submitted, never published.
    Submitted,
    /// Published by a release order.
    Published,
}

/// Whether a version is deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum PublishStatus {
    /// Waiting for a release (待部署).
    PendingDeploy,
    /// Was deployed by a successful release.
    Deployed,
}

/// An immutable version of the app service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Version {
    /// `v1`, `v2`, ...; never reused.
    pub id: String,
    /// The normalized spec; never changes after submit.
    pub spec: AppService,
    /// Who submitted it.
    pub author: String,
    /// When (RFC 3339, as given).
    pub created_at: String,
    /// How it came to be.
    pub source: VersionSource,
    /// The version it was derived from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub based_on: Option<String>,
    /// Submitted or published.
    pub edit_status: EditStatus,
    /// Pending or deployed.
    pub publish_status: PublishStatus,
    /// The release order that published it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_order: Option<String>,
    /// When that release order succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published_at: Option<String>,
}

/// The one draft (草稿): an editable copy of a version, not validated until submit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Draft {
    /// The version it started from.
    pub based_on: String,
    /// The spec being edited.
    pub spec: AppService,
    /// When it was started.
    pub created_at: String,
    /// When it was last changed.
    pub updated_at: String,
}

/// What holds the app service now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ActivityKind {
    /// A release order is publishing a version.
    Release,
    /// A release order is rolling back to a version.
    Rollback,
    /// An operation (运维操作: restart, scale, ...) is running.
    Operation,
}

/// The release or operation in progress.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Activity {
    /// Release, rollback or operation.
    pub kind: ActivityKind,
    /// The release order (releases and rollbacks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_order: Option<String>,
    /// The target version (releases and rollbacks).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// The operation's name (operations).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// When it began.
    pub since: String,
}

/// A release that failed and still blocks new release orders (seed 6.7).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FailedRelease {
    /// The failed release order.
    pub release_order: String,
    /// The version it was releasing.
    pub version: String,
    /// When it failed.
    pub at: String,
}

/// When a draft exists and `edit` is asked for: keep it or throw it away (seed 6.4: "选择是否
/// 恢复打开草稿,若选择否,会删除当前草稿").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum DraftChoice {
    /// Reopen the existing draft.
    Restore,
    /// Delete it and start a new one from the newest version.
    Discard,
}

/// A command to the version history, tagged by `type`. Every command carries the caller's
/// `now` (RFC 3339) where it records time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(
    tag = "type",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum HistoryEvent {
    /// Create the app service: its first version, `v1`.
    Create {
        /// The spec (validated and normalized).
        spec: AppService,
        /// Who.
        author: String,
    },
    /// Open the draft: a new one from the newest version, or the existing one (`draft`
    /// decides; without it an existing draft is a `conflict`).
    Edit {
        /// What to do with an existing draft.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft: Option<DraftChoice>,
    },
    /// Replace the draft's spec (not validated until submit).
    UpdateDraft {
        /// The edited spec.
        spec: AppService,
    },
    /// Start a draft from any version (拷贝到草稿); an existing draft is a `conflict` unless
    /// `discardDraft` is true.
    CopyToDraft {
        /// The version to copy.
        version: String,
        /// Throw away an existing draft.
        #[serde(default)]
        discard_draft: bool,
    },
    /// Throw away the draft.
    DiscardDraft,
    /// Validate the draft and make it a new version.
    Submit {
        /// Who.
        author: String,
    },
    /// Quick update: a new version from the newest with one container's image changed; a
    /// release order should be created for it.
    ChangeImage {
        /// The container's name.
        container: String,
        /// The new image reference.
        image: String,
        /// Who.
        author: String,
    },
    /// Quick update: a new version from the newest with fixed replicas changed.
    ChangeReplicas {
        /// The new replica count, ≥ 0.
        replicas: i32,
        /// Who.
        author: String,
    },
    /// A release order starts publishing (or, with `rollback`, rolling back to) a version.
    BeginRelease {
        /// The target version.
        version: String,
        /// The release order.
        release_order: String,
        /// A rollback (allowed while a failed release blocks new orders).
        #[serde(default)]
        rollback: bool,
    },
    /// The release order succeeded: its version is deployed.
    MarkPublished {
        /// The release order.
        release_order: String,
    },
    /// The release order failed: new orders are blocked until it is retried, rolled back or
    /// cancelled.
    MarkFailed {
        /// The release order.
        release_order: String,
    },
    /// The release order was cancelled (in progress or failed).
    CancelRelease {
        /// The release order.
        release_order: String,
    },
    /// An operation (restart, scale, ...) begins.
    BeginOperation {
        /// Its name.
        operation: String,
    },
    /// The operation in progress ended.
    EndOperation,
    /// Delete the app service (refused while a release or operation is in progress).
    Delete,
}

impl HistoryEvent {
    /// The event's `type` tag, as on the wire.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            HistoryEvent::Create { .. } => "create",
            HistoryEvent::Edit { .. } => "edit",
            HistoryEvent::UpdateDraft { .. } => "updateDraft",
            HistoryEvent::CopyToDraft { .. } => "copyToDraft",
            HistoryEvent::DiscardDraft => "discardDraft",
            HistoryEvent::Submit { .. } => "submit",
            HistoryEvent::ChangeImage { .. } => "changeImage",
            HistoryEvent::ChangeReplicas { .. } => "changeReplicas",
            HistoryEvent::BeginRelease { .. } => "beginRelease",
            HistoryEvent::MarkPublished { .. } => "markPublished",
            HistoryEvent::MarkFailed { .. } => "markFailed",
            HistoryEvent::CancelRelease { .. } => "cancelRelease",
            HistoryEvent::BeginOperation { .. } => "beginOperation",
            HistoryEvent::EndOperation => "endOperation",
            HistoryEvent::Delete => "delete",
        }
    }
}

/// What an event produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct HistoryOutcome {
    /// The version created (create, submit, quick updates) or affected (release outcomes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<Version>,
    /// The draft opened or changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// A quick update made a version that needs a release order (seed 6.4: "提交后会自动生成
    /// 发布单").
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub release_order_required: bool,
}

/// The versions, the draft and the release state of one app service.
///
/// # Examples
///
/// ```
/// use weir::{HistoryEvent, VersionHistory};
/// let spec: weir::AppService = serde_json::from_value(serde_json::json!({
///     "name": "web", "app": "web",
///     "template": {"containers": [{"name": "web", "image": "web:v1"}]}}))?;
/// let mut h = VersionHistory::new(None);
/// h.handle("2026-11-27T09:00:00Z".parse()?, HistoryEvent::Create { spec, author: "ana".into() })?;
/// let out = h.handle("2026-11-27T10:00:00Z".parse()?, HistoryEvent::ChangeImage {
///     container: "web".into(), image: "web:v2".into(), author: "ana".into() })?;
/// assert_eq!(out.version.map(|v| v.id), Some("v2".to_string()));
/// assert!(out.release_order_required);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VersionHistory {
    s: HistorySnapshot,
}

/// A version history's state, as [`VersionHistory::snapshot`] gives it and
/// [`VersionHistory::restore`] takes it (every field is essential: nothing in it is
/// derived).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct HistorySnapshot {
    /// The platform restrictions every submit is validated against.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<PlatformProfile>,
    /// Every version, oldest first.
    #[serde(default)]
    pub versions: Vec<Version>,
    /// The draft, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub draft: Option<Draft>,
    /// The version the latest finished or cancelled release targeted: what is, at least in
    /// part, on the pods now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployed_version: Option<String>,
    /// The version of the latest successful release: what a rollback returns to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_successful_version: Option<String>,
    /// Whether any release of this app service ever succeeded.
    #[serde(default)]
    pub ever_released: bool,
    /// The release or operation in progress.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<Activity>,
    /// A failed release that blocks new release orders.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failed_release: Option<FailedRelease>,
    /// The app service was deleted; every event is refused.
    #[serde(default)]
    pub deleted: bool,
    /// The last instant handled; absent before the first event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

impl VersionHistory {
    /// An empty history (no app service yet); `profile` applies to every submit.
    #[must_use]
    pub fn new(profile: Option<PlatformProfile>) -> Self {
        VersionHistory {
            s: HistorySnapshot {
                profile,
                ..HistorySnapshot::default()
            },
        }
    }

    /// What a restore needs: the whole state (nothing in it is derived).
    #[must_use]
    pub fn snapshot(&self) -> HistorySnapshot {
        self.s.clone()
    }

    /// Every version, oldest first.
    #[must_use]
    pub fn versions(&self) -> &[Version] {
        &self.s.versions
    }

    /// The draft, if any.
    #[must_use]
    pub fn draft(&self) -> Option<&Draft> {
        self.s.draft.as_ref()
    }

    /// The release or operation in progress, if any.
    #[must_use]
    pub fn activity(&self) -> Option<&Activity> {
        self.s.activity.as_ref()
    }

    /// Continue from a snapshot.
    ///
    /// # Errors
    ///
    /// [`Error::Validation`] with every problem: a version's spec that a submit would
    /// refuse (at `versions[n].spec.<path>`) or that changes a field that never changes,
    /// version ids out of order, a version based on no earlier one, publication fields
    /// that disagree, references to missing versions, an activity without what its kind
    /// needs, anything in progress before `create` or after `delete`, a bad timestamp.
    pub fn restore(snapshot: HistorySnapshot) -> Result<Self> {
        check::snapshot(&snapshot)?;
        Ok(VersionHistory { s: snapshot })
    }

    /// A version by id.
    #[must_use]
    pub fn version(&self, id: &str) -> Option<&Version> {
        self.s.versions.iter().find(|v| v.id == id)
    }

    /// The newest version.
    #[must_use]
    pub fn newest(&self) -> Option<&Version> {
        self.s.versions.last()
    }

    /// Handle one event at `now`. On any error the history is unchanged.
    ///
    /// # Errors
    ///
    /// `invalid_transition` (not allowed now, or `now` earlier than the last instant
    /// handled), `conflict` (a release or operation holds the app service, a failed
    /// release blocks it, or a draft choice is needed), `not_found` (unknown version or
    /// container), `validation` (a bad spec, image or replica count).
    pub fn handle(&mut self, now: Timestamp, event: HistoryEvent) -> Result<HistoryOutcome> {
        let name = event.name();
        check_forward(self.s.at, now)?;
        if self.s.deleted {
            return Err(Error::invalid_transition(
                name,
                "after the app service was deleted",
            ));
        }
        if self.s.versions.is_empty() && !matches!(event, HistoryEvent::Create { .. }) {
            return Err(Error::invalid_transition(
                name,
                "before the app service is created",
            ));
        }
        let at = now;
        let now = at.to_string();
        let out = match event {
            HistoryEvent::Create { spec, author } => self.on_create(name, now, spec, author),
            HistoryEvent::Edit { draft } => self.edit(draft, now),
            HistoryEvent::UpdateDraft { spec } => self.on_update_draft(name, now, spec),
            HistoryEvent::CopyToDraft {
                version,
                discard_draft,
            } => self.on_copy_to_draft(now, version, discard_draft),
            HistoryEvent::DiscardDraft => self.on_discard_draft(name),
            HistoryEvent::Submit { author } => self.submit(author, now),
            HistoryEvent::ChangeImage {
                container,
                image,
                author,
            } => self.on_change_image(now, container, image, author),
            HistoryEvent::ChangeReplicas { replicas, author } => {
                self.on_change_replicas(now, replicas, author)
            }
            HistoryEvent::BeginRelease {
                version,
                release_order,
                rollback,
            } => self.on_begin_release(now, version, release_order, rollback),
            HistoryEvent::MarkPublished { release_order } => {
                self.on_mark_published(name, now, release_order)
            }
            HistoryEvent::MarkFailed { release_order } => {
                self.on_mark_failed(name, now, release_order)
            }
            HistoryEvent::CancelRelease { release_order } => {
                self.on_cancel_release(name, release_order)
            }
            HistoryEvent::BeginOperation { operation } => self.on_begin_operation(now, operation),
            HistoryEvent::EndOperation => self.on_end_operation(name),
            HistoryEvent::Delete => self.on_delete(),
        }?;
        self.s.at = Some(at);
        Ok(out)
    }

    fn edit(&mut self, choice: Option<DraftChoice>, now: String) -> Result<HistoryOutcome> {
        match (&self.s.draft, choice) {
            (Some(d), Some(DraftChoice::Restore)) => Ok(HistoryOutcome {
                draft: Some(d.clone()),
                ..HistoryOutcome::default()
            }),
            (Some(_), None) => Err(Error::conflict(
                "a draft exists: choose `restore` or `discard`",
            )),
            _ => match self.s.versions.len().checked_sub(1) {
                Some(newest) => Ok(self.start_draft(newest, now)),
                None => Err(Error::invalid_transition(
                    "edit",
                    "before the app service is created",
                )),
            },
        }
    }

    fn submit(&mut self, author: String, now: String) -> Result<HistoryOutcome> {
        let Some(draft) = &self.s.draft else {
            return Err(Error::invalid_transition(
                "submit",
                "when there is no draft",
            ));
        };
        let mut errs = match normalize(&draft.spec, self.s.profile.as_ref()) {
            Ok(_) => ValidationErrors::new(),
            Err(Error::Validation(v)) => v,
            Err(other) => return Err(other),
        };
        if let Some(newest) = self.s.versions.last() {
            immutable_fields(&newest.spec, &draft.spec, &mut errs);
        }
        errs.into_result(())?;
        let spec = normalize(&draft.spec, self.s.profile.as_ref())?;
        let base = Some(draft.based_on.clone());
        self.s.draft = None;
        Ok(self.push_version(spec, author, now, VersionSource::Edit, base))
    }

    fn push_version(
        &mut self,
        spec: AppService,
        author: String,
        now: String,
        source: VersionSource,
        based_on: Option<String>,
    ) -> HistoryOutcome {
        let version = Version {
            id: format!("v{}", self.s.versions.len() + 1),
            spec,
            author,
            created_at: now,
            source,
            based_on,
            edit_status: EditStatus::Submitted,
            publish_status: PublishStatus::PendingDeploy,
            release_order: None,
            published_at: None,
        };
        self.s.versions.push(version.clone());
        HistoryOutcome {
            version: Some(version),
            ..HistoryOutcome::default()
        }
    }

    /// The version a quick update makes: validated, based on the newest, and flagged as
    /// needing a release order (seed 6.4: "提交后会自动生成发布单").
    fn quick_version(
        &mut self,
        spec: &AppService,
        author: String,
        now: String,
        source: VersionSource,
    ) -> Result<HistoryOutcome> {
        let spec = normalize(spec, self.s.profile.as_ref())?;
        let base = self.newest().map(|v| v.id.clone());
        let mut out = self.push_version(spec, author, now, source, base);
        out.release_order_required = true;
        Ok(out)
    }

    /// Open a draft copied from version `index` (checked by the caller).
    fn start_draft(&mut self, index: usize, now: String) -> HistoryOutcome {
        let draft = self.s.versions.get(index).map(|v| Draft {
            based_on: v.id.clone(),
            spec: v.spec.clone(),
            created_at: now.clone(),
            updated_at: now,
        });
        self.s.draft.clone_from(&draft);
        HistoryOutcome {
            draft,
            ..HistoryOutcome::default()
        }
    }

    fn newest_spec(&self) -> Result<AppService> {
        match self.newest() {
            Some(v) => Ok(v.spec.clone()),
            None => Err(Error::invalid_transition(
                "quick update",
                "before the app service is created",
            )),
        }
    }

    /// The service's standing for the hold rule (`model::hold`): the release or
    /// operation in progress, and a failed release.
    fn standing(&self) -> (Option<Hold>, Option<&str>) {
        let hold = self
            .s
            .activity
            .as_ref()
            .map(|a| match (&a.operation, &a.release_order) {
                (Some(operation), _) => Hold::Operation {
                    operation: operation.clone(),
                },
                (None, order) => Hold::Release {
                    order: order.clone().unwrap_or_default(),
                },
            });
        (
            hold,
            self.s
                .failed_release
                .as_ref()
                .map(|f| f.release_order.as_str()),
        )
    }

    /// Seed 1.7: one release or operation at a time.
    fn guard_activity(&self) -> Result<()> {
        let (hold, _) = self.standing();
        Standing {
            hold: hold.as_ref(),
            failed: None,
        }
        .may_operate()
        .map_err(|why| Error::conflict(&format!("the app service is held: {why}")))
    }

    /// Whether release order `order` (a rollback, or not) may begin (seed 1.7, 6.7).
    fn guard_release(&self, order: &str, rollback: bool) -> Result<()> {
        let (hold, failed) = self.standing();
        Standing {
            hold: hold.as_ref(),
            failed,
        }
        .may_release(order, rollback)
        .map_err(|why| Error::conflict(&format!("the app service is held: {why}")))
    }

    /// A quick update makes a release order, so it is refused while a release or
    /// operation runs, and while a failed release blocks new orders (seed 6.7).
    fn guard_quick_update(&self) -> Result<()> {
        let (hold, failed) = self.standing();
        Standing {
            hold: hold.as_ref(),
            failed,
        }
        .may_quick_update()
        .map_err(|why| Error::conflict(&format!("the app service is held: {why}")))
    }

    fn releasing(&self, command: &str, release_order: &str) -> Result<String> {
        match &self.s.activity {
            Some(Activity {
                kind: ActivityKind::Release | ActivityKind::Rollback,
                release_order: Some(o),
                version: Some(v),
                ..
            }) if o == release_order => Ok(v.clone()),
            _ => Err(Error::invalid_transition(
                command,
                &format!("when release order `{release_order}` is not in progress"),
            )),
        }
    }
}

/// The fields that never change after creation (docs/model.md): namespace, name, app,
/// stateful, and container names.
///
/// Containers are known by name, so adding or removing containers is allowed (it
/// recreates pods, seed 1.7); a rename is a change of name where the number of containers
/// stays the same, checked position by position against the newest version.
fn immutable_fields(newest: &AppService, new: &AppService, errs: &mut ValidationErrors) {
    let ns = |s: &AppService| s.namespace.clone().unwrap_or_else(|| "default".to_owned());
    let mut check = |path: FieldPath, old: String, now: String| {
        if old != now {
            errs.push(
                path,
                FieldErrorCode::Invalid,
                format!("field is immutable: was `{old}`, got `{now}`"),
            );
        }
    };
    check(FieldPath::root("namespace"), ns(newest), ns(new));
    check(
        FieldPath::root("name"),
        newest.name.clone(),
        new.name.clone(),
    );
    check(FieldPath::root("app"), newest.app.clone(), new.app.clone());
    check(
        FieldPath::root("stateful"),
        newest.stateful.unwrap_or(false).to_string(),
        new.stateful.unwrap_or(false).to_string(),
    );
    let (old, now) = (&newest.template.containers, &new.template.containers);
    if old.len() == now.len() {
        for (n, (a, b)) in old.iter().zip(now).enumerate() {
            check(
                FieldPath::root("template")
                    .child("containers")
                    .index(n)
                    .child("name"),
                a.name.clone(),
                b.name.clone(),
            );
        }
    }
}

impl Machine for VersionHistory {
    type Event = HistoryEvent;
    type Output = HistoryOutcome;
    type Snapshot = HistorySnapshot;

    fn handle(&mut self, now: Timestamp, event: HistoryEvent) -> Result<HistoryOutcome> {
        VersionHistory::handle(self, now, event)
    }

    /// The history has no timers.
    fn poll_timeout(&self) -> Option<Timestamp> {
        None
    }

    fn snapshot(&self) -> HistorySnapshot {
        VersionHistory::snapshot(self)
    }

    fn restore(snapshot: HistorySnapshot) -> Result<Self> {
        VersionHistory::restore(snapshot)
    }
}
