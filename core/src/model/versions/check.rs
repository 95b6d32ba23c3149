//! What [`VersionHistory::restore`] checks: a snapshot holds only what the commands can
//! make. Every version's spec passes the validation a submit runs (errors at
//! `versions[n].spec.<path>`) and keeps the fields that never change; ids are `v1`, `v2`,
//! ... in order; only `v1` comes from `create`, and every other version is based on an
//! earlier one; a version is published exactly when it is deployed, with its release
//! order and time; every reference names a version of the history; the last successful
//! version was published, and `everReleased` says whether one was; an activity carries
//! what its kind needs; a failed release leaves no release in progress; nothing is in
//! progress before `create` or after `delete`; every timestamp is RFC 3339. The draft's
//! spec is not checked: a draft is not validated until it is submitted.

use super::{
    ActivityKind, EditStatus, HistorySnapshot, PublishStatus, VersionSource, immutable_fields,
};
use crate::error::{Error, FieldErrorCode as Code, FieldPath, Result, ValidationErrors};
use crate::model::validate::normalize;

/// Every problem of a snapshot, at its path.
pub(super) fn snapshot(h: &HistorySnapshot) -> Result<()> {
    let mut errs = ValidationErrors::new();
    versions(h, &mut errs)?;
    references(h, &mut errs);
    activity(h, &mut errs);
    errs.into_result(())
}

fn time<P: Into<String>>(text: &str, path: impl FnOnce() -> P, errs: &mut ValidationErrors) {
    crate::time::check(text, path, errs);
}

fn versions(h: &HistorySnapshot, errs: &mut ValidationErrors) -> Result<()> {
    for (n, v) in h.versions.iter().enumerate() {
        let path = FieldPath::root("versions").index(n);
        if v.id != format!("v{}", n + 1) {
            errs.push(
                path.child("id"),
                Code::Invalid,
                format!("expected `v{}`, got `{}`", n + 1, v.id),
            );
        }
        match normalize(&v.spec, h.profile.as_ref()) {
            Ok(_) => {}
            Err(Error::Validation(found)) => {
                errs.0.extend(found.under(&path.child("spec")).0);
            }
            Err(other) => return Err(other),
        }
        if let Some(before) = n.checked_sub(1).and_then(|k| h.versions.get(k)) {
            let mut changed = ValidationErrors::new();
            immutable_fields(&before.spec, &v.spec, &mut changed);
            errs.0.extend(changed.under(&path.child("spec")).0);
        }
        time(&v.created_at, || path.child("createdAt"), errs);
        if (v.source == VersionSource::Create) != (n == 0) {
            errs.push(
                path.child("source"),
                Code::Invalid,
                "the first version, and only it, comes from `create`",
            );
        }
        let earlier = h.versions.get(..n).unwrap_or(&[]);
        match &v.based_on {
            None if n > 0 => errs.push(
                path.child("basedOn"),
                Code::Required,
                "every version after the first is based on an earlier one",
            ),
            Some(b) if !earlier.iter().any(|e| &e.id == b) => errs.push(
                path.child("basedOn"),
                Code::Invalid,
                format!("`{b}` is not an earlier version"),
            ),
            _ => {}
        }
        let published = v.edit_status == EditStatus::Published;
        if (v.publish_status == PublishStatus::Deployed) != published {
            errs.push(
                path.child("publishStatus"),
                Code::Invalid,
                "a version is deployed exactly when it is published",
            );
        }
        if v.release_order.is_some() != published {
            errs.push(
                path.child("releaseOrder"),
                Code::Invalid,
                "a published version, and only one, names the release order that published it",
            );
        }
        match &v.published_at {
            Some(at) if published => time(at, || path.child("publishedAt"), errs),
            None if !published => {}
            _ => errs.push(
                path.child("publishedAt"),
                Code::Invalid,
                "a published version, and only one, has the time it was published",
            ),
        }
    }
    Ok(())
}

fn references(h: &HistorySnapshot, errs: &mut ValidationErrors) {
    let refs = [
        (
            "draft.basedOn",
            h.draft.as_ref().map(|d| d.based_on.as_str()),
        ),
        ("deployedVersion", h.deployed_version.as_deref()),
        (
            "lastSuccessfulVersion",
            h.last_successful_version.as_deref(),
        ),
        (
            "activity.version",
            h.activity.as_ref().and_then(|a| a.version.as_deref()),
        ),
        (
            "failedRelease.version",
            h.failed_release.as_ref().map(|f| f.version.as_str()),
        ),
    ];
    for (path, id) in refs {
        if let Some(id) = id
            && h.versions.iter().find(|v| v.id == *id).is_none()
        {
            errs.push(
                path,
                Code::Invalid,
                format!("version `{id}` is not in the history"),
            );
        }
    }
    if let Some(d) = &h.draft {
        time(&d.created_at, || "draft.createdAt", errs);
        time(&d.updated_at, || "draft.updatedAt", errs);
    }
    if let Some(id) = &h.last_successful_version
        && h.versions
            .iter()
            .find(|v| v.id == *id)
            .is_some_and(|v| v.edit_status != EditStatus::Published)
    {
        errs.push(
            "lastSuccessfulVersion",
            Code::Invalid,
            format!("version `{id}` was never published"),
        );
    }
    let any_published = h
        .versions
        .iter()
        .any(|v| v.edit_status == EditStatus::Published);
    if h.ever_released != any_published || h.last_successful_version.is_some() != any_published {
        errs.push(
            "everReleased",
            Code::Invalid,
            "a history was released exactly when a version was published, and then has a last successful version",
        );
    }
    if any_published && h.deployed_version.is_none() {
        errs.push(
            "deployedVersion",
            Code::Required,
            "a released history has a deployed version",
        );
    }
}

fn activity(h: &HistorySnapshot, errs: &mut ValidationErrors) {
    if let Some(a) = &h.activity {
        let release = a.kind != ActivityKind::Operation;
        if a.release_order.is_some() != release {
            errs.push(
                "activity.releaseOrder",
                Code::Invalid,
                "a release or rollback, and only one, names its release order",
            );
        }
        if a.version.is_some() != release {
            errs.push(
                "activity.version",
                Code::Invalid,
                "a release or rollback, and only one, names its target version",
            );
        }
        if a.operation.is_some() == release {
            errs.push(
                "activity.operation",
                Code::Invalid,
                "an operation, and only one, has a name",
            );
        }
        time(&a.since, || "activity.since", errs);
        if release && h.failed_release.is_some() {
            errs.push(
                "failedRelease",
                Code::Invalid,
                "a release begins only once the failed one is resolved",
            );
        }
    }
    if let Some(f) = &h.failed_release {
        time(&f.at, || "failedRelease.at", errs);
    }
    let idle = h.activity.is_none() && h.draft.is_none();
    if h.versions.is_empty() && !(idle && h.failed_release.is_none() && !h.deleted) {
        errs.push(
            "versions",
            Code::Required,
            "nothing happens to an app service before it is created",
        );
    }
    if h.deleted && !idle {
        errs.push(
            "deleted",
            Code::Invalid,
            "a deleted app service has no draft and nothing in progress",
        );
    }
}
