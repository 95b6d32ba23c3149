//! One handler per [`HistoryEvent`](super::HistoryEvent): each checks the event against
//! the history and returns before its first write when it refuses.

use super::{
    Activity, ActivityKind, EditStatus, FailedRelease, HistoryOutcome, PublishStatus,
    VersionHistory, VersionSource,
};
use crate::error::{Error, FieldErrorCode, Result, ValidationErrors};
use crate::model::app_service::{AppService, Scaling};
use crate::model::names::image_reference_problem;
use crate::model::validate::normalize;

impl VersionHistory {
    pub(super) fn on_create(
        &mut self,
        name: &str,
        now: String,
        spec: AppService,
        author: String,
    ) -> Result<HistoryOutcome> {
        if !self.s.versions.is_empty() {
            return Err(Error::invalid_transition(
                name,
                "when the app service already exists",
            ));
        }
        let spec = normalize(&spec, self.s.profile.as_ref())?;
        Ok(self.push_version(spec, author, now, VersionSource::Create, None))
    }

    pub(super) fn on_update_draft(
        &mut self,
        name: &str,
        now: String,
        spec: AppService,
    ) -> Result<HistoryOutcome> {
        match &mut self.s.draft {
            None => Err(Error::invalid_transition(name, "when there is no draft")),
            Some(d) => {
                d.spec = spec;
                d.updated_at = now;
                Ok(HistoryOutcome {
                    draft: Some(d.clone()),
                    ..HistoryOutcome::default()
                })
            }
        }
    }

    pub(super) fn on_copy_to_draft(
        &mut self,
        now: String,
        version: String,
        discard_draft: bool,
    ) -> Result<HistoryOutcome> {
        let Some(index) = self.s.versions.iter().position(|v| v.id == version) else {
            return Err(Error::not_found("version", &version));
        };
        if self.s.draft.is_some() && !discard_draft {
            return Err(Error::conflict(
                "a draft exists: discard it first or set `discardDraft`",
            ));
        }
        Ok(self.start_draft(index, now))
    }

    pub(super) fn on_discard_draft(&mut self, name: &str) -> Result<HistoryOutcome> {
        if self.s.draft.take().is_none() {
            return Err(Error::invalid_transition(name, "when there is no draft"));
        }
        Ok(HistoryOutcome::default())
    }

    pub(super) fn on_change_image(
        &mut self,
        now: String,
        container: String,
        image: String,
        author: String,
    ) -> Result<HistoryOutcome> {
        self.guard_quick_update()?;
        let mut spec = self.newest_spec()?;
        let Some(ctr) = spec
            .template
            .containers
            .iter_mut()
            .find(|c| c.name == container)
        else {
            return Err(Error::not_found("container", &container));
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

    pub(super) fn on_change_replicas(
        &mut self,
        now: String,
        replicas: i32,
        author: String,
    ) -> Result<HistoryOutcome> {
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

    pub(super) fn on_begin_release(
        &mut self,
        now: String,
        version: String,
        release_order: String,
        rollback: bool,
    ) -> Result<HistoryOutcome> {
        if self.version(&version).is_none() {
            return Err(Error::not_found("version", &version));
        }
        self.guard_release(&release_order, rollback)?;
        self.s.failed_release = None;
        let kind = if rollback {
            ActivityKind::Rollback
        } else {
            ActivityKind::Release
        };
        self.s.activity = Some(Activity {
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

    pub(super) fn on_mark_published(
        &mut self,
        name: &str,
        now: String,
        release_order: String,
    ) -> Result<HistoryOutcome> {
        let id = self.releasing(name, &release_order)?;
        self.s.activity = None;
        self.s.deployed_version = Some(id.clone());
        self.s.last_successful_version = Some(id.clone());
        self.s.ever_released = true;
        let v = self.s.versions.iter_mut().find(|v| v.id == id);
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

    pub(super) fn on_mark_failed(
        &mut self,
        name: &str,
        now: String,
        release_order: String,
    ) -> Result<HistoryOutcome> {
        let id = self.releasing(name, &release_order)?;
        self.s.activity = None;
        self.s.deployed_version = Some(id.clone());
        self.s.failed_release = Some(FailedRelease {
            release_order,
            version: id.clone(),
            at: now,
        });
        Ok(HistoryOutcome {
            version: self.version(&id).cloned(),
            ..HistoryOutcome::default()
        })
    }

    pub(super) fn on_cancel_release(
        &mut self,
        name: &str,
        release_order: String,
    ) -> Result<HistoryOutcome> {
        let active = self
            .s
            .activity
            .as_ref()
            .is_some_and(|a| a.release_order.as_deref() == Some(release_order.as_str()));
        let failed = self
            .s
            .failed_release
            .as_ref()
            .is_some_and(|f| f.release_order == release_order);
        if !active && !failed {
            return Err(Error::invalid_transition(
                name,
                &format!("when release order `{release_order}` is neither in progress nor failed"),
            ));
        }
        if active {
            // Pods may already run the target version in part.
            self.s.deployed_version = self.s.activity.take().and_then(|a| a.version);
        }
        if failed {
            self.s.failed_release = None;
        }
        Ok(HistoryOutcome::default())
    }

    pub(super) fn on_begin_operation(
        &mut self,
        now: String,
        operation: String,
    ) -> Result<HistoryOutcome> {
        self.guard_activity()?;
        self.s.activity = Some(Activity {
            kind: ActivityKind::Operation,
            release_order: None,
            version: None,
            operation: Some(operation),
            since: now,
        });
        Ok(HistoryOutcome::default())
    }

    pub(super) fn on_end_operation(&mut self, name: &str) -> Result<HistoryOutcome> {
        if !self
            .s
            .activity
            .as_ref()
            .is_some_and(|a| a.kind == ActivityKind::Operation)
        {
            return Err(Error::invalid_transition(
                name,
                "when no operation is in progress",
            ));
        }
        self.s.activity = None;
        Ok(HistoryOutcome::default())
    }

    pub(super) fn on_delete(&mut self) -> Result<HistoryOutcome> {
        // Seed 6.5: "正在发布中的应用服务是无法删除的".
        self.guard_activity()?;
        self.s.deleted = true;
        self.s.draft = None;
        Ok(HistoryOutcome::default())
    }
}
