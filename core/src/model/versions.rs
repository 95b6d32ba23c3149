//! `VersionHistory`: the versions and the draft of one app service, a sans-IO state
//! machine (seed 6.4 update, 6.5 delete, 6.7 release orders, 1.7 "同一个应用服务,不能同时进行
//! 发布和运维操作"; `docs/model.md`).
//!
//! Commands come in as data ([`HistoryCommand`], tagged by `type`) with the caller's `now`;
//! the history answers with a [`HistoryOutcome`] or an error. A refused command —
//! `invalid_transition`, `conflict`, `not_found`, `validation` — changes nothing: every
//! check runs before the first write. [`VersionHistory::snapshot`] is the whole state as
//! JSON; [`VersionHistory::restore`] continues from it identically.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, FieldErrorCode, Result, ValidationErrors};
use crate::model::app_service::{AppService, PlatformProfile, Scaling};
use crate::model::names::image_reference_problem;
use crate::model::validate::normalize;

mod check;

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
pub enum HistoryCommand {
    /// Create the app service: its first version, `v1`.
    Create {
        /// The spec (validated and normalized).
        spec: AppService,
        /// Who.
        author: String,
        /// When.
        now: String,
    },
    /// Open the draft: a new one from the newest version, or the existing one (`draft`
    /// decides; without it an existing draft is a `conflict`).
    Edit {
        /// What to do with an existing draft.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        draft: Option<DraftChoice>,
        /// When.
        now: String,
    },
    /// Replace the draft's spec (not validated until submit).
    UpdateDraft {
        /// The edited spec.
        spec: AppService,
        /// When.
        now: String,
    },
    /// Start a draft from any version (拷贝到草稿); an existing draft is a `conflict` unless
    /// `discardDraft` is true.
    CopyToDraft {
        /// The version to copy.
        version: String,
        /// Throw away an existing draft.
        #[serde(default)]
        discard_draft: bool,
        /// When.
        now: String,
    },
    /// Throw away the draft.
    DiscardDraft,
    /// Validate the draft and make it a new version.
    Submit {
        /// Who.
        author: String,
        /// When.
        now: String,
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
        /// When.
        now: String,
    },
    /// Quick update: a new version from the newest with fixed replicas changed.
    ChangeReplicas {
        /// The new replica count, ≥ 0.
        replicas: i32,
        /// Who.
        author: String,
        /// When.
        now: String,
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
        /// When.
        now: String,
    },
    /// The release order succeeded: its version is deployed.
    MarkPublished {
        /// The release order.
        release_order: String,
        /// When.
        now: String,
    },
    /// The release order failed: new orders are blocked until it is retried, rolled back or
    /// cancelled.
    MarkFailed {
        /// The release order.
        release_order: String,
        /// When.
        now: String,
    },
    /// The release order was cancelled (in progress or failed).
    CancelRelease {
        /// The release order.
        release_order: String,
        /// When.
        now: String,
    },
    /// An operation (restart, scale, ...) begins.
    BeginOperation {
        /// Its name.
        operation: String,
        /// When.
        now: String,
    },
    /// The operation in progress ended.
    EndOperation {
        /// When.
        now: String,
    },
    /// Delete the app service (refused while a release or operation is in progress).
    Delete {
        /// When.
        now: String,
    },
}

impl HistoryCommand {
    fn name(&self) -> &'static str {
        match self {
            HistoryCommand::Create { .. } => "create",
            HistoryCommand::Edit { .. } => "edit",
            HistoryCommand::UpdateDraft { .. } => "updateDraft",
            HistoryCommand::CopyToDraft { .. } => "copyToDraft",
            HistoryCommand::DiscardDraft => "discardDraft",
            HistoryCommand::Submit { .. } => "submit",
            HistoryCommand::ChangeImage { .. } => "changeImage",
            HistoryCommand::ChangeReplicas { .. } => "changeReplicas",
            HistoryCommand::BeginRelease { .. } => "beginRelease",
            HistoryCommand::MarkPublished { .. } => "markPublished",
            HistoryCommand::MarkFailed { .. } => "markFailed",
            HistoryCommand::CancelRelease { .. } => "cancelRelease",
            HistoryCommand::BeginOperation { .. } => "beginOperation",
            HistoryCommand::EndOperation { .. } => "endOperation",
            HistoryCommand::Delete { .. } => "delete",
        }
    }

    fn now(&self) -> Option<&str> {
        match self {
            HistoryCommand::DiscardDraft => None,
            HistoryCommand::Create { now, .. }
            | HistoryCommand::Edit { now, .. }
            | HistoryCommand::UpdateDraft { now, .. }
            | HistoryCommand::CopyToDraft { now, .. }
            | HistoryCommand::Submit { now, .. }
            | HistoryCommand::ChangeImage { now, .. }
            | HistoryCommand::ChangeReplicas { now, .. }
            | HistoryCommand::BeginRelease { now, .. }
            | HistoryCommand::MarkPublished { now, .. }
            | HistoryCommand::MarkFailed { now, .. }
            | HistoryCommand::CancelRelease { now, .. }
            | HistoryCommand::BeginOperation { now, .. }
            | HistoryCommand::EndOperation { now }
            | HistoryCommand::Delete { now } => Some(now),
        }
    }
}

/// What a command produced.
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
/// use weir::{HistoryCommand, VersionHistory};
/// let spec: weir::AppService = serde_json::from_value(serde_json::json!({
///     "name": "web", "app": "web",
///     "template": {"containers": [{"name": "web", "image": "web:v1"}]}}))?;
/// let mut h = VersionHistory::new(None);
/// h.apply(HistoryCommand::Create { spec, author: "ana".into(), now: "2026-11-27T09:00:00Z".into() })?;
/// let out = h.apply(HistoryCommand::ChangeImage { container: "web".into(), image: "web:v2".into(),
///     author: "ana".into(), now: "2026-11-27T10:00:00Z".into() })?;
/// assert_eq!(out.version.map(|v| v.id), Some("v2".to_string()));
/// assert!(out.release_order_required);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct VersionHistory {
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
    /// The app service was deleted; every command is refused.
    #[serde(default)]
    pub deleted: bool,
}

fn refuse<T>(command: &str, state: &str) -> Result<T> {
    Err(Error::invalid_transition(command, state))
}

fn conflict<T>(reason: impl Into<String>) -> Result<T> {
    Err(Error::conflict(&reason.into()))
}

fn not_found<T>(kind: &str, id: &str) -> Result<T> {
    Err(Error::not_found(kind, id))
}

impl VersionHistory {
    /// An empty history (no app service yet); `profile` applies to every submit.
    #[must_use]
    pub fn new(profile: Option<PlatformProfile>) -> Self {
        VersionHistory {
            profile,
            ..Self::default()
        }
    }

    /// The whole state as JSON-ready data.
    #[must_use]
    pub fn snapshot(&self) -> VersionHistory {
        self.clone()
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
    pub fn restore(snapshot: VersionHistory) -> Result<Self> {
        check::snapshot(&snapshot)?;
        Ok(snapshot)
    }

    /// A version by id.
    #[must_use]
    pub fn version(&self, id: &str) -> Option<&Version> {
        self.versions.iter().find(|v| v.id == id)
    }

    /// The newest version.
    #[must_use]
    pub fn newest(&self) -> Option<&Version> {
        self.versions.last()
    }

    /// Apply one command. On any error the history is unchanged.
    ///
    /// # Errors
    ///
    /// `invalid_transition` (not allowed now), `conflict` (a release or operation holds
    /// the app service, a failed release blocks it, or a draft choice is needed),
    /// `not_found` (unknown version or container), `validation` (a bad spec, image,
    /// replica count or timestamp).
    pub fn apply(&mut self, command: HistoryCommand) -> Result<HistoryOutcome> {
        let name = command.name();
        if self.deleted {
            return refuse(name, "after the app service was deleted");
        }
        if let Some(now) = command.now() {
            crate::time::unix_seconds(now)?;
        }
        if self.versions.is_empty() && !matches!(command, HistoryCommand::Create { .. }) {
            return refuse(name, "before the app service is created");
        }
        match command {
            HistoryCommand::Create { spec, author, now } => {
                if !self.versions.is_empty() {
                    return refuse(name, "when the app service already exists");
                }
                let spec = normalize(&spec, self.profile.as_ref())?;
                Ok(self.push_version(spec, author, now, VersionSource::Create, None))
            }
            HistoryCommand::Edit { draft, now } => self.edit(draft, now),
            HistoryCommand::UpdateDraft { spec, now } => match &mut self.draft {
                None => refuse(name, "when there is no draft"),
                Some(d) => {
                    d.spec = spec;
                    d.updated_at = now;
                    Ok(HistoryOutcome {
                        draft: Some(d.clone()),
                        ..HistoryOutcome::default()
                    })
                }
            },
            HistoryCommand::CopyToDraft {
                version,
                discard_draft,
                now,
            } => {
                let Some(index) = self.versions.iter().position(|v| v.id == version) else {
                    return not_found("version", &version);
                };
                if self.draft.is_some() && !discard_draft {
                    return conflict("a draft exists: discard it first or set `discardDraft`");
                }
                Ok(self.start_draft(index, now))
            }
            HistoryCommand::DiscardDraft => {
                if self.draft.take().is_none() {
                    return refuse(name, "when there is no draft");
                }
                Ok(HistoryOutcome::default())
            }
            HistoryCommand::Submit { author, now } => self.submit(author, now),
            HistoryCommand::ChangeImage {
                container,
                image,
                author,
                now,
            } => {
                self.guard_quick_update()?;
                let mut spec = self.newest_spec()?;
                let Some(ctr) = spec
                    .template
                    .containers
                    .iter_mut()
                    .find(|c| c.name == container)
                else {
                    return not_found("container", &container);
                };
                if let Some(problem) = image_reference_problem(&image) {
                    let mut errs = ValidationErrors::new();
                    errs.push(
                        "image",
                        FieldErrorCode::Invalid,
                        format!("invalid image reference `{image}`: {problem}"),
                    );
                    return Err(Error::Validation(errs));
                }
                ctr.image = image;
                self.quick_version(&spec, author, now, VersionSource::ChangeImage)
            }
            HistoryCommand::ChangeReplicas {
                replicas,
                author,
                now,
            } => {
                self.guard_quick_update()?;
                let mut spec = self.newest_spec()?;
                let mut errs = ValidationErrors::new();
                match &mut spec.scaling {
                    Some(Scaling::Fixed { replicas: r }) => *r = Some(replicas),
                    _ => errs.push("replicas", FieldErrorCode::Forbidden, "quick replica changes apply to fixed scaling; edit the elastic bounds in a draft instead"),
                }
                if replicas < 0 {
                    errs.push(
                        "replicas",
                        FieldErrorCode::Invalid,
                        format!("must be at least 0, got {replicas}"),
                    );
                }
                errs.into_result(())?;
                self.quick_version(&spec, author, now, VersionSource::ChangeReplicas)
            }
            HistoryCommand::BeginRelease {
                version,
                release_order,
                rollback,
                now,
            } => {
                if self.version(&version).is_none() {
                    return not_found("version", &version);
                }
                self.guard_activity()?;
                if let Some(f) = &self.failed_release
                    && f.release_order != release_order
                    && !rollback
                {
                    return conflict(format!(
                        "release order `{}` failed: retry, roll back or cancel it first",
                        f.release_order
                    ));
                }
                self.failed_release = None;
                let kind = if rollback {
                    ActivityKind::Rollback
                } else {
                    ActivityKind::Release
                };
                self.activity = Some(Activity {
                    kind,
                    release_order: Some(release_order),
                    version: Some(version.clone()),
                    operation: None,
                    since: now,
                });
                Ok(HistoryOutcome {
                    version: self.version(&version).cloned(),
                    ..HistoryOutcome::default()
                })
            }
            HistoryCommand::MarkPublished { release_order, now } => {
                let id = self.releasing(name, &release_order)?;
                self.activity = None;
                self.deployed_version = Some(id.clone());
                self.last_successful_version = Some(id.clone());
                self.ever_released = true;
                let v = self.versions.iter_mut().find(|v| v.id == id);
                if let Some(v) = v {
                    v.edit_status = EditStatus::Published;
                    v.publish_status = PublishStatus::Deployed;
                    v.release_order = Some(release_order);
                    v.published_at = Some(now);
                }
                Ok(HistoryOutcome {
                    version: self.version(&id).cloned(),
                    ..HistoryOutcome::default()
                })
            }
            HistoryCommand::MarkFailed { release_order, now } => {
                let id = self.releasing(name, &release_order)?;
                self.activity = None;
                self.deployed_version = Some(id.clone());
                self.failed_release = Some(FailedRelease {
                    release_order,
                    version: id.clone(),
                    at: now,
                });
                Ok(HistoryOutcome {
                    version: self.version(&id).cloned(),
                    ..HistoryOutcome::default()
                })
            }
            HistoryCommand::CancelRelease {
                release_order,
                now: _,
            } => {
                let active = self
                    .activity
                    .as_ref()
                    .is_some_and(|a| a.release_order.as_deref() == Some(release_order.as_str()));
                let failed = self
                    .failed_release
                    .as_ref()
                    .is_some_and(|f| f.release_order == release_order);
                if !active && !failed {
                    return refuse(
                        name,
                        &format!(
                            "when release order `{release_order}` is neither in progress nor failed"
                        ),
                    );
                }
                if active {
                    // Pods may already run the target version in part.
                    self.deployed_version = self.activity.take().and_then(|a| a.version);
                }
                if failed {
                    self.failed_release = None;
                }
                Ok(HistoryOutcome::default())
            }
            HistoryCommand::BeginOperation { operation, now } => {
                self.guard_activity()?;
                self.activity = Some(Activity {
                    kind: ActivityKind::Operation,
                    release_order: None,
                    version: None,
                    operation: Some(operation),
                    since: now,
                });
                Ok(HistoryOutcome::default())
            }
            HistoryCommand::EndOperation { now: _ } => {
                if !self
                    .activity
                    .as_ref()
                    .is_some_and(|a| a.kind == ActivityKind::Operation)
                {
                    return refuse(name, "when no operation is in progress");
                }
                self.activity = None;
                Ok(HistoryOutcome::default())
            }
            HistoryCommand::Delete { now: _ } => {
                // Seed 6.5: "正在发布中的应用服务是无法删除的".
                self.guard_activity()?;
                self.deleted = true;
                self.draft = None;
                Ok(HistoryOutcome::default())
            }
        }
    }

    fn edit(&mut self, choice: Option<DraftChoice>, now: String) -> Result<HistoryOutcome> {
        match (&self.draft, choice) {
            (Some(d), Some(DraftChoice::Restore)) => Ok(HistoryOutcome {
                draft: Some(d.clone()),
                ..HistoryOutcome::default()
            }),
            (Some(_), None) => conflict("a draft exists: choose `restore` or `discard`"),
            _ => match self.versions.len().checked_sub(1) {
                Some(newest) => Ok(self.start_draft(newest, now)),
                None => refuse("edit", "before the app service is created"),
            },
        }
    }

    fn submit(&mut self, author: String, now: String) -> Result<HistoryOutcome> {
        let Some(draft) = &self.draft else {
            return refuse("submit", "when there is no draft");
        };
        let mut errs = match normalize(&draft.spec, self.profile.as_ref()) {
            Ok(_) => ValidationErrors::new(),
            Err(Error::Validation(v)) => v,
            Err(other) => return Err(other),
        };
        if let Some(newest) = self.versions.last() {
            immutable_fields(&newest.spec, &draft.spec, &mut errs);
        }
        errs.into_result(())?;
        let spec = normalize(&draft.spec, self.profile.as_ref())?;
        let base = Some(draft.based_on.clone());
        self.draft = None;
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
            id: format!("v{}", self.versions.len() + 1),
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
        self.versions.push(version.clone());
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
        let spec = normalize(spec, self.profile.as_ref())?;
        let base = self.newest().map(|v| v.id.clone());
        let mut out = self.push_version(spec, author, now, source, base);
        out.release_order_required = true;
        Ok(out)
    }

    /// Open a draft copied from version `index` (checked by the caller).
    fn start_draft(&mut self, index: usize, now: String) -> HistoryOutcome {
        let draft = self.versions.get(index).map(|v| Draft {
            based_on: v.id.clone(),
            spec: v.spec.clone(),
            created_at: now.clone(),
            updated_at: now,
        });
        self.draft.clone_from(&draft);
        HistoryOutcome {
            draft,
            ..HistoryOutcome::default()
        }
    }

    fn newest_spec(&self) -> Result<AppService> {
        match self.newest() {
            Some(v) => Ok(v.spec.clone()),
            None => refuse("quick update", "before the app service is created"),
        }
    }

    /// Seed 1.7: one release or operation at a time.
    fn guard_activity(&self) -> Result<()> {
        match &self.activity {
            None => Ok(()),
            Some(a) => {
                let what = match (a.kind, &a.release_order, &a.operation) {
                    (ActivityKind::Operation, _, Some(op)) => format!("operation `{op}`"),
                    (_, Some(order), _) => format!("release order `{order}`"),
                    _ => "another activity".to_owned(),
                };
                conflict(format!("{what} is in progress on this app service"))
            }
        }
    }

    /// A quick update makes a release order, so it is refused while a release or
    /// operation runs, and while a failed release blocks new orders (seed 6.7).
    fn guard_quick_update(&self) -> Result<()> {
        self.guard_activity()?;
        match &self.failed_release {
            Some(f) => conflict(format!(
                "release order `{}` failed: retry, roll back or cancel it first",
                f.release_order
            )),
            None => Ok(()),
        }
    }

    fn releasing(&self, command: &str, release_order: &str) -> Result<String> {
        match &self.activity {
            Some(Activity {
                kind: ActivityKind::Release | ActivityKind::Rollback,
                release_order: Some(o),
                version: Some(v),
                ..
            }) if o == release_order => Ok(v.clone()),
            _ => refuse(
                command,
                &format!("when release order `{release_order}` is not in progress"),
            ),
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
    let mut check = |path: &str, old: String, now: String| {
        if old != now {
            errs.push(
                path,
                FieldErrorCode::Invalid,
                format!("field is immutable: was `{old}`, got `{now}`"),
            );
        }
    };
    check("namespace", ns(newest), ns(new));
    check("name", newest.name.clone(), new.name.clone());
    check("app", newest.app.clone(), new.app.clone());
    check(
        "stateful",
        newest.stateful.unwrap_or(false).to_string(),
        new.stateful.unwrap_or(false).to_string(),
    );
    let (old, now) = (&newest.template.containers, &new.template.containers);
    if old.len() == now.len() {
        for (n, (a, b)) in old.iter().zip(now).enumerate() {
            check(
                &format!("template.containers[{n}].name"),
                a.name.clone(),
                b.name.clone(),
            );
        }
    }
}
