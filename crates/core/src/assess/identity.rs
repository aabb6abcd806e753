//! Whose assessment it is: the organisation and the project (the registration form's first two
//! fields) as the page header, the browser tab and the dashboard show them, and the default
//! name of an assessment, made from the model's short title and, once given, the project.

use crate::assess::assessment::Assessment;
use crate::model::LoadedModel;
use crate::text::i18n::clarity;
use crate::text::Lang;

/// The name a new assessment gets: "持续交付自评", or "手机银行App · 持续交付自评" once the
/// project is known (in English "Continuous Delivery self-assessment", "… · …").
pub fn default_name(model: &LoadedModel, lang: Lang, project: &str) -> String {
    let short = model.short_title(lang);
    let project = project.trim();
    if project.is_empty() {
        clarity::DEFAULT_NAME.fmt(lang, &[("model", &short)])
    } else {
        clarity::DEFAULT_NAME_PROJECT.fmt(lang, &[("project", &project), ("model", &short)])
    }
}

/// Whether a name is still a default one (in either language, with or without a project):
/// such a name follows the project the team gives; a name the team chose stays.
pub fn is_default_name(model: &LoadedModel, a: &Assessment) -> bool {
    let name = a.name.trim().to_lowercase();
    name.is_empty()
        || Lang::ALL.into_iter().any(|lang| {
            [
                default_name(model, lang, ""),
                default_name(model, lang, &a.project.project),
            ]
            .iter()
            .any(|d| d.to_lowercase() == name)
        })
}

/// "Organisation · project" as far as they are given; None when neither is.
pub fn identity_line(a: &Assessment) -> Option<String> {
    let parts: Vec<&str> = [a.project.organisation.trim(), a.project.project.trim()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    (!parts.is_empty()).then(|| parts.join(" · "))
}
