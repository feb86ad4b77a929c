//! Applying compiled directives to the command variants, with the JavaScript semantics of
//! `modifiers-v2`: each directive sees the state the previous ones left.

use crate::js::replace_first_literal;
use crate::model::directive::{
    CommandAction, CommandChanges, CommandDirective, Directive, ParameterDirective, Selector,
};
use crate::model::{CommandVariant, VariantParameter};

/// True when a `remove-path-by-operation` directive drops this operation.
pub fn operation_removed(directives: &[Directive], operation_id: &str) -> bool {
    directives.iter().any(|d| match d {
        Directive::RemovePathByOperation(r) => r.pattern.is_match(operation_id),
        _ => false,
    })
}

/// Applies the command and parameter directives in order, each to the state the previous ones
/// left. `remove-path-by-operation` entries are ignored here (see [`operation_removed`]).
pub fn apply(variants: &mut Vec<CommandVariant>, directives: &[Directive]) {
    for directive in directives {
        match directive {
            Directive::RemovePathByOperation(_) => {}
            Directive::Command(d) => apply_command(variants, d),
            Directive::Parameter(d) => apply_parameter(variants, d),
        }
    }
}

fn apply_command(variants: &mut Vec<CommandVariant>, directive: &CommandDirective) {
    match &directive.action {
        CommandAction::Remove => variants.retain(|v| !directive.selector.matches(v)),
        CommandAction::Modify(changes) if changes.is_empty() => {}
        CommandAction::Modify(changes) => {
            for variant in variants.iter_mut() {
                if directive.selector.matches(variant) {
                    modify(variant, changes);
                }
            }
        }
    }
}

/// Renames first, then clear-alias, then aliases built from the new names (`modifiers-v2`).
fn modify(variant: &mut CommandVariant, changes: &CommandChanges) {
    if let Some(setter) = &changes.subject {
        variant.subject = setter.apply(&variant.subject);
    }
    if let Some(setter) = &changes.subject_prefix {
        variant.subject_prefix = setter.apply(&variant.subject_prefix);
    }
    if let Some(setter) = &changes.verb {
        variant.verb = setter.apply(&variant.verb);
    }
    if let Some(setter) = &changes.variant {
        variant.variant = setter.apply(&variant.variant);
    }
    if let Some(hide) = changes.hide {
        variant.hidden = hide;
    }
    if changes.clear_alias {
        variant.aliases.clear();
    }
    for raw in &changes.aliases {
        let alias = render_alias(raw, variant);
        push_unique(&mut variant.aliases, alias);
    }
}

/// Fills the placeholders one after another, first occurrence each, like the chained JS
/// `String.replace` calls.
fn render_alias(raw: &str, variant: &CommandVariant) -> String {
    let text = replace_first_literal(raw, "${verb}", &variant.verb);
    let text = replace_first_literal(&text, "${subject-prefix}", &variant.subject_prefix);
    let text = replace_first_literal(&text, "${subject}", &variant.subject);
    replace_first_literal(&text, "${variant}", &variant.variant).into_owned()
}

fn apply_parameter(variants: &mut [CommandVariant], directive: &ParameterDirective) {
    if directive.rename.is_none() && directive.aliases.is_empty() && !directive.clear_alias {
        return;
    }
    for variant in variants.iter_mut() {
        if !directive.selector.matches(variant) {
            continue;
        }
        for parameter in variant.parameters.iter_mut() {
            if directive.parameter.is_match(&parameter.name) {
                modify_parameter(parameter, directive);
            }
        }
    }
}

fn modify_parameter(parameter: &mut VariantParameter, directive: &ParameterDirective) {
    // Aliases with special characters rewrite the name as it was before this directive.
    let previous = match &directive.rename {
        Some(setter) => {
            let renamed = setter.apply(&parameter.name);
            std::mem::replace(&mut parameter.name, renamed)
        }
        None => parameter.name.clone(),
    };
    if directive.clear_alias {
        parameter.aliases.clear();
    }
    for alias in &directive.aliases {
        push_unique(&mut parameter.aliases, alias.apply(&previous));
    }
}

fn push_unique(list: &mut Vec<String>, item: String) {
    if !list.contains(&item) {
        list.push(item);
    }
}

impl Selector {
    /// ANDs every selector; exact comparisons run first so most variants are rejected before
    /// any regex runs.
    pub fn matches(&self, variant: &CommandVariant) -> bool {
        let fields = [
            (&self.verb, variant.verb.as_str()),
            (&self.subject, variant.subject.as_str()),
            (&self.subject_prefix, variant.subject_prefix.as_str()),
            (&self.variant, variant.variant.as_str()),
        ];
        let pass = |exact: bool| {
            fields.iter().all(|(pattern, text)| match pattern {
                Some(p) if p.is_exact() == exact => p.is_match(text),
                _ => true,
            })
        };
        pass(true)
            && pass(false)
            && self.parameter.as_ref().is_none_or(|p| {
                variant
                    .parameters
                    .iter()
                    .any(|param| p.is_match(&param.name))
            })
    }
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use serde_yaml::Value;

    use super::*;
    use crate::load::config::load_configs;
    use crate::load::directives::compile;
    use crate::model::ParameterSource;
    use crate::model::directive::Origin;

    fn origin(index: usize) -> Origin {
        Origin {
            file: PathBuf::from("test.md"),
            index,
            line: None,
        }
    }

    /// Compiles a list of directives written as YAML.
    fn directives(yaml: &str) -> Vec<Directive> {
        let value: Value = serde_yaml::from_str(yaml).expect("test YAML");
        let Value::Sequence(items) = value else {
            panic!("test YAML must be a list")
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| compile(item, origin(i)).expect("compiles").directive)
            .collect()
    }

    fn param(name: &str, source: ParameterSource) -> VariantParameter {
        VariantParameter {
            name: name.to_owned(),
            aliases: Vec::new(),
            source,
            required: true,
        }
    }

    fn variant(verb: &str, subject: &str, name: &str) -> CommandVariant {
        let mut parameters = vec![param(
            "UserId",
            ParameterSource::Path {
                serialized_name: "user-id".into(),
            },
        )];
        if !name.contains("Expanded") {
            parameters.push(param("Body", ParameterSource::Body));
        }
        CommandVariant {
            verb: verb.to_owned(),
            subject_prefix: "Beta".to_owned(),
            subject: subject.to_owned(),
            variant: name.to_owned(),
            operation: 0,
            via_identity: name.contains("ViaIdentity"),
            expanded: name.contains("Expanded"),
            parameters,
            aliases: Vec::new(),
            hidden: false,
        }
    }

    fn names(variants: &[CommandVariant]) -> Vec<String> {
        variants
            .iter()
            .map(|v| format!("{}_{}", v.cmdlet_name("Mg"), v.variant))
            .collect()
    }

    #[test]
    fn alias_taken_before_rename_t2() {
        let ds = directives(
            r#"
- where: {verb: Invoke, subject: ^(InvalidateUserRefreshToken)$}
  set: {alias: '${verb}-Mg${subject-prefix}${subject}'}
- where: {verb: Invoke, subject: ^(Invalidate)(UserRefreshToken)$}
  set: {subject: $1All$2}
"#,
        );
        let mut vs = vec![
            variant("Invoke", "InvalidateUserRefreshToken", "Invalidate"),
            variant(
                "Invoke",
                "InvalidateUserRefreshToken",
                "InvalidateViaIdentity",
            ),
        ];
        apply(&mut vs, &ds);
        for v in &vs {
            assert_eq!(
                v.cmdlet_name("Mg"),
                "Invoke-MgBetaInvalidateAllUserRefreshToken"
            );
            assert_eq!(v.aliases, ["Invoke-MgBetaInvalidateUserRefreshToken"]);
        }
    }

    #[test]
    fn alias_uses_values_after_this_directives_renames() {
        let ds = directives(
            r#"
- where: {verb: Remove, subject: ^(UserDeviceFromManagement)$}
  set: {subject: All$1, alias: ['${verb}-Mg${subject-prefix}${subject}', '${variant}+${variant}']}
"#,
        );
        let mut vs = vec![variant("Remove", "UserDeviceFromManagement", "Remove")];
        apply(&mut vs, &ds);
        assert_eq!(
            vs[0].aliases,
            [
                "Remove-MgBetaAllUserDeviceFromManagement",
                "Remove+${variant}"
            ]
        );
        // Applying twice adds no duplicate.
        let again = directives(
            "- where: {verb: Remove}\n  set: {alias: '${verb}-Mg${subject-prefix}${subject}'}",
        );
        apply(&mut vs, &again);
        assert_eq!(vs[0].aliases.len(), 2);
    }

    #[test]
    fn variant_restricted_rename_t12_t13() {
        let ds = directives(
            r#"
- where:
    verb: Get
    subject: ^(User)(CalendarSchedule)$
    variant: ^Get$|^GetExpanded$|^GetViaIdentity$|^GetViaIdentityExpanded$
  set: {subject: $1Default$2}
- where:
    verb: Invoke
    subject: ^(Reply)(UserMessage|UserMailFolderMessage|UserMailFolderChildFolderMessage)$
    variant: ^Reply1$|^ReplyExpanded1$|^ReplyViaIdentity1$|^ReplyViaIdentityExpanded1$
  set: {subject: $1All$2}
"#,
        );
        let mut vs = vec![
            variant("Get", "UserCalendarSchedule", "Get"),
            variant("Get", "UserCalendarSchedule", "GetExpanded"),
            variant("Get", "UserCalendarSchedule", "Get1"),
            variant("Get", "UserCalendarSchedule", "GetViaIdentityExpanded1"),
            variant("Invoke", "ReplyUserMailFolderChildFolderMessage", "Reply"),
            variant(
                "Invoke",
                "ReplyUserMailFolderChildFolderMessage",
                "ReplyExpanded1",
            ),
        ];
        apply(&mut vs, &ds);
        assert_eq!(
            names(&vs),
            [
                "Get-MgBetaUserDefaultCalendarSchedule_Get",
                "Get-MgBetaUserDefaultCalendarSchedule_GetExpanded",
                "Get-MgBetaUserCalendarSchedule_Get1",
                "Get-MgBetaUserCalendarSchedule_GetViaIdentityExpanded1",
                "Invoke-MgBetaReplyUserMailFolderChildFolderMessage_Reply",
                "Invoke-MgBetaReplyAllUserMailFolderChildFolderMessage_ReplyExpanded1",
            ]
        );
    }

    #[test]
    fn partial_variant_removal_and_where_only_no_op_t14() {
        let ds = directives(
            r#"
- where:
    verb: Clear
    subject: ^UserManagedAppRegistrationByDeviceTag$
    variant: ^Wipe1$|^WipeExpanded1$|^WipeViaIdentity1$|^WipeViaIdentityExpanded1$
- where:
    subject: ^(\w*[a-z])GraphBPre(\w*)$
  set: {subject: $1By$2}
- where:
    verb: Clear
    subject: ^UserManagedAppRegistrationByDeviceTag$
    variant: ^Wipe$|^WipeExpanded$|^WipeViaIdentity$|^WipeViaIdentityExpanded$
  remove: true
"#,
        );
        assert_eq!(ds.len(), 3, "the where-only directive is kept as a no-op");
        let subject = "UserManagedAppRegistrationGraphBPreDeviceTag";
        let mut vs: Vec<_> = [
            "Wipe",
            "WipeExpanded",
            "WipeViaIdentity",
            "WipeViaIdentityExpanded",
            "Wipe1",
            "WipeExpanded1",
            "WipeViaIdentity1",
            "WipeViaIdentityExpanded1",
        ]
        .iter()
        .map(|n| variant("Clear", subject, n))
        .collect();
        apply(&mut vs, &ds);
        assert_eq!(
            names(&vs),
            [
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_Wipe1",
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_WipeExpanded1",
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_WipeViaIdentity1",
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag_WipeViaIdentityExpanded1",
            ]
        );
    }

    #[test]
    fn body_parameter_rename_only_in_matching_variants() {
        let ds = directives(
            r#"
- where:
    variant: ^(Add|Copy|Reply)\d*$
    parameter-name: Body
  set: {parameter-name: BodyParameter}
- where:
    variant: ^(.*ViaIdentity)\d*$
    parameter-name: Body
  set: {parameter-name: BodyParameter}
"#,
        );
        let mut vs = vec![
            variant("Invoke", "GraphUserChat", "Graph"),
            variant("Invoke", "GraphUserChat", "GraphViaIdentity"),
            variant("Copy", "UserOnenoteSectionToNotebook", "Copy"),
            variant("Invoke", "ReplyAllUserMessage", "Reply1"),
        ];
        apply(&mut vs, &ds);
        let body: Vec<&str> = vs.iter().map(|v| v.parameters[1].name.as_str()).collect();
        assert_eq!(
            body,
            ["Body", "BodyParameter", "BodyParameter", "BodyParameter"]
        );
        // The command names are untouched and `UserId` is not renamed.
        assert!(vs.iter().all(|v| v.parameters[0].name == "UserId"));
        assert_eq!(vs[0].variant, "Graph");
    }

    #[test]
    fn parameter_aliases_and_never_command_renames() {
        let ds = directives(
            r#"
- where: {parameter-name: OrderBy}
  set: {parameter-name: Sort, alias: OrderBy, subject: Nope}
- where: {parameter-name: (So)(rt)}
  set: {alias: [$2$1, Plain]}
"#,
        );
        let mut v = variant("Get", "User", "List");
        v.parameters.push(param(
            "OrderBy",
            ParameterSource::Query {
                serialized_name: "$orderby".into(),
            },
        ));
        let mut vs = vec![v];
        apply(&mut vs, &ds);
        assert_eq!(vs[0].subject, "User");
        let p = &vs[0].parameters[2];
        assert_eq!(p.name, "Sort");
        assert_eq!(p.aliases, ["OrderBy", "rtSo", "Plain"]);
    }

    #[test]
    fn select_command_filters_by_parameter() {
        let ds = directives(
            r#"
- where: {verb: Get, parameter-name: Body}
  select: command
  set: {verb: Find}
"#,
        );
        let mut vs = vec![
            variant("Get", "User", "Get"),
            variant("Get", "User", "GetExpanded"),
        ];
        apply(&mut vs, &ds);
        assert_eq!(vs[0].verb, "Find");
        assert_eq!(vs[1].verb, "Get");
    }

    #[test]
    fn verb_replace_keeps_regex_semantics_and_prefix_can_be_emptied() {
        let ds = directives(
            r#"
- where: {verb: Test, variant: ^(Check|Verify)(.*)}
  set: {verb: Confirm}
- where: {subject-prefix: Beta}
  set: {subject-prefix: ''}
- where: {verb: Confirm}
  hide: true
"#,
        );
        let mut vs = vec![
            variant("Test", "UserMemberGroup", "CheckExpanded"),
            variant("Test", "UserMemberGroup", "Other"),
        ];
        apply(&mut vs, &ds);
        assert_eq!(vs[0].cmdlet_name("Mg"), "Confirm-MgUserMemberGroup");
        assert!(vs[0].hidden);
        assert_eq!(vs[1].cmdlet_name("Mg"), "Test-MgUserMemberGroup");
        assert!(!vs[1].hidden);
    }

    #[test]
    fn remove_path_by_operation_is_unanchored_and_case_insensitive() {
        let ds = directives(
            r#"
- remove-path-by-operation: .*exceptionOccurrence.*|user\.joinedTeam.*|.*\.notebook\.section.*
"#,
        );
        assert!(operation_removed(
            &ds,
            "user.onenote.notebook.section_copyToNotebook"
        ));
        assert!(!operation_removed(
            &ds,
            "user.onenote.section_copyToNotebook"
        ));
        assert!(operation_removed(&ds, "USER.JOINEDTEAM_archive"));
        let plain = directives("- remove-path-by-operation: restore");
        assert!(operation_removed(&plain, "user_restoreThing"));
    }

    fn real_graph_dir() -> PathBuf {
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/graph")
    }

    fn real_beta_paths() -> Vec<PathBuf> {
        let dir = real_graph_dir();
        vec![
            dir.join("Users.Actions/readme.beta.md"),
            dir.join("Users.Actions/Users.Actions.md"),
            dir.join("readme.graph.md"),
        ]
    }

    fn real_variant(verb: &str, subject: &str, name: &str, prefix: &str) -> CommandVariant {
        CommandVariant {
            verb: verb.into(),
            subject_prefix: prefix.into(),
            subject: subject.into(),
            variant: name.into(),
            operation: 0,
            via_identity: name.contains("ViaIdentity"),
            expanded: name.contains("Expanded"),
            parameters: vec![VariantParameter {
                name: "Body".into(),
                aliases: Vec::new(),
                source: ParameterSource::Body,
                required: true,
            }],
            aliases: Vec::new(),
            hidden: false,
        }
    }

    #[test]
    fn real_beta_configuration_names_the_traces() {
        let config = load_configs(&real_beta_paths()).unwrap();
        let ops = [
            "user.onenote.notebook.section_copyToNotebook",
            "user.calendar.event.instance_accept",
        ];
        assert!(
            ops.iter()
                .all(|op| operation_removed(&config.directives, op))
        );
        assert!(!operation_removed(
            &config.directives,
            "user.onenote.section_copyToNotebook"
        ));

        let mut variants = vec![
            // T2, T10
            real_variant("Invoke", "InvalidateUserRefreshToken", "Invalidate", "Beta"),
            real_variant("Remove", "UserDeviceFromManagement", "Remove", "Beta"),
            // T7: `Graph` keeps -Body, `GraphViaIdentity` gets -BodyParameter.
            real_variant("Invoke", "GraphUserChat", "Graph", "Beta"),
            real_variant("Invoke", "GraphUserChat", "GraphViaIdentity", "Beta"),
            // T14
            real_variant(
                "Clear",
                "UserManagedAppRegistrationGraphBPreDeviceTag",
                "Wipe",
                "Beta",
            ),
            real_variant(
                "Clear",
                "UserManagedAppRegistrationGraphBPreDeviceTag",
                "Wipe1",
                "Beta",
            ),
            // T17, T5, §6.2
            real_variant(
                "Invoke",
                "CleanUserManagedDeviceWindowDevice",
                "Clean",
                "Beta",
            ),
            real_variant("Test", "UserMemberGroup", "Check", "Beta"),
            real_variant("Get", "UserTodoListTask", "Get", "Beta"),
            // T3, T6, T9 (Get removed, New renamed)
            real_variant(
                "Disable",
                "UserAuthenticationMethodSmSignIn",
                "Disable",
                "Beta",
            ),
            real_variant("Get", "UserGraphBPreId", "Get", "Beta"),
            real_variant("Get", "UserOnlineMeeting", "Create", "Beta"),
            real_variant("New", "UserOnlineMeeting", "Create", "Beta"),
        ];
        apply(&mut variants, &config.directives);
        let names: Vec<String> = variants
            .iter()
            .map(|v| {
                format!(
                    "{} {} {}",
                    v.cmdlet_name("Mg"),
                    v.variant,
                    v.parameters[0].name
                )
            })
            .collect();
        assert_eq!(
            names,
            [
                "Invoke-MgBetaInvalidateAllUserRefreshToken Invalidate BodyParameter",
                "Remove-MgBetaAllUserDeviceFromManagement Remove BodyParameter",
                "Invoke-MgBetaGraphUserChat Graph Body",
                "Invoke-MgBetaGraphUserChat GraphViaIdentity BodyParameter",
                "Clear-MgBetaUserManagedAppRegistrationByDeviceTag Wipe1 BodyParameter",
                "Invoke-MgBetaCleanUserManagedDeviceWindowsDevice Clean BodyParameter",
                "Confirm-MgBetaUserMemberGroup Check BodyParameter",
                "Get-MgBetaUserTodoTask Get BodyParameter",
                "Disable-MgBetaUserAuthenticationMethodSmsSignIn Disable BodyParameter",
                "Get-MgBetaUserById Get BodyParameter",
                "Invoke-MgBetaCreateOrGetUserOnlineMeeting Create BodyParameter",
            ]
        );
        assert_eq!(
            variants[0].aliases,
            ["Invoke-MgBetaInvalidateUserRefreshToken"]
        );
        assert_eq!(
            variants[1].aliases,
            ["Remove-MgBetaUserDeviceFromManagement"]
        );
    }

    #[test]
    fn real_v1_configuration_has_empty_subject_prefix() {
        let dir = real_graph_dir();
        let paths = [
            dir.join("Users.Actions/readme.v1.0.md"),
            dir.join("Users.Actions/Users.Actions.md"),
            dir.join("readme.graph.md"),
        ];
        let config = load_configs(&paths).unwrap();
        assert_eq!(config.subject_prefix.as_deref(), Some(""));
        // T14 in v1.0: only the unnumbered set exists, and it is removed entirely.
        let mut variants = vec![real_variant(
            "Clear",
            "UserManagedAppRegistrationGraphBPreDeviceTag",
            "WipeExpanded",
            "",
        )];
        apply(&mut variants, &config.directives);
        assert!(variants.is_empty());
    }
}
