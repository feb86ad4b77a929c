//! The behaviour tests the v1.0 and beta modules share, written once.
//!
//! rustfmt leaves the body of a `macro_rules!` alone: it is kept laid out the way rustfmt lays out
//! the same code outside a macro (max width 92 for the 8 columns of indentation).

/// Expands, where it is invoked, the tests of the cmdlets both Users.Actions versions have
/// (`Revoke-…UserSignInSession`, `Update-…UserPassword`, `Invoke-…AcceptUserEventInstance`,
/// `Remove-…AllUserDeviceFromManagement` with its alias, `Disable-…SmsSignIn`) and of the identity
/// type, given what differs between the versions: the module, the API version in the path, the
/// method and cmdlet names, the least-privileged permission of `Revoke`, and the authentication
/// method key (`PhoneAuthenticationMethodId` in v1.0, `AuthenticationMethodId` in beta).
///
/// The tests of Accept, Remove and Disable are in `event_and_device_cmdlets.rs`, which this macro
/// expands with the same arguments. The invoking file has `use common::*;` (the tests rely on
/// it). Besides the tests, the macro brings into scope, for the tests only that version has:
/// `Identity` (the version's `UsersActionsIdentity`) with the builders `user`, `instance`,
/// `method` and `method_without_user`, the cmdlet names (`REVOKE`, …), `MOBILE`, `user_path` and
/// the path of each cmdlet (`revoke_path`, …), and `revoke_alice`.
macro_rules! users_actions_cmdlet_tests {
    (
        module: $module:ident,
        api_version: $api_version:literal,
        revoke: $revoke:ident = $revoke_cmdlet:literal,
        revoke_least_privileged: $revoke_permission:literal,
        password: $password:ident = $password_cmdlet:literal,
        accept: $accept:ident = $accept_cmdlet:literal,
        remove: $remove:ident = $remove_cmdlet:literal,
        remove_alias: $remove_alias:ident,
        disable: $disable:ident = $disable_cmdlet:literal,
        method_key: $method_key:ident = $method_key_name:literal,
        method_key_camel_case: $method_key_camel:literal,
        method_collection: $method_collection:literal,
        other_version_method_key: $other_method_key:literal $(,)?
    ) => {
        /// The version's `IUsersActionsIdentity`.
        type Identity = graph_users_actions::$module::UsersActionsIdentity;

        const REVOKE: &str = $revoke_cmdlet;
        const PASSWORD: &str = $password_cmdlet;
        const ACCEPT: &str = $accept_cmdlet;
        const REMOVE: &str = $remove_cmdlet;
        const DISABLE: &str = $disable_cmdlet;

        /// The key of the mobile phone authentication method (documented constant).
        const MOBILE: &str = "3179e48a-750b-4051-897c-87b9720928f7";

        /// Where every path of the version starts.
        const USERS: &str = concat!("/", $api_version, "/users/");

        /// The path of an operation on (encoded) `user`: `/<version>/users/<user><rest>`.
        fn user_path(user: &str, rest: &str) -> String {
            format!("{USERS}{user}{rest}")
        }

        fn revoke_path(user: &str) -> String {
            user_path(user, "/microsoft.graph.revokeSignInSessions")
        }

        fn password_path(user: &str) -> String {
            user_path(user, "/microsoft.graph.changePassword")
        }

        fn accept_path(user: &str, event: &str, instance: &str) -> String {
            let rest = format!("/events/{event}/instances/{instance}/microsoft.graph.accept");
            user_path(user, &rest)
        }

        fn remove_path(user: &str) -> String {
            user_path(user, "/microsoft.graph.removeAllDevicesFromManagement")
        }

        fn disable_path(user: &str, method: &str) -> String {
            let collection = $method_collection;
            let rest =
                format!("/authentication/{collection}/{method}/microsoft.graph.disableSmsSignIn");
            user_path(user, &rest)
        }

        fn user(id: &str) -> Identity {
            Identity {
                user_id: Some(id.into()),
                ..Default::default()
            }
        }

        fn instance(user_id: &str, event_id: &str, event_id1: &str) -> Identity {
            Identity {
                user_id: Some(user_id.into()),
                event_id: Some(event_id.into()),
                event_id1: Some(event_id1.into()),
                ..Default::default()
            }
        }

        fn method(user_id: &str, method: &str) -> Identity {
            Identity {
                user_id: Some(user_id.into()),
                $method_key: Some(method.into()),
                ..Default::default()
            }
        }

        fn method_without_user() -> Identity {
            Identity {
                $method_key: Some(MOBILE.into()),
                ..Default::default()
            }
        }

        /// `Revoke-…UserSignInSession -UserId alice`.
        async fn revoke_alice(client: &Client) -> Result<bool, Error> {
            client.$revoke().user_id("alice").send().await
        }

        // -------------------------------------------------------------------------------------
        // The identity type (`IUsersActionsIdentity`)
        // -------------------------------------------------------------------------------------

        #[test]
        fn identity_deserializes_from_the_sdk_pascal_case_keys() {
            let id: Identity = serde_json::from_value(json!({
                "UserId": "alice@contoso.com",
                $method_key_name: MOBILE,
                "EventId": "master",
                "EventId1": "occurrence"
            }))
            .expect("PascalCase keys deserialize");
            assert_eq!(
                id,
                Identity {
                    user_id: Some("alice@contoso.com".into()),
                    $method_key: Some(MOBILE.into()),
                    event_id: Some("master".into()),
                    event_id1: Some("occurrence".into()),
                }
            );
        }

        #[test]
        fn identity_keys_match_in_any_case_like_a_powershell_hashtable() {
            let id: Identity =
                serde_json::from_str(r#"{"userid": "bob@contoso.com", "EVENTID1": "x"}"#)
                    .expect("keys in any case deserialize");
            assert_eq!(id.user_id.as_deref(), Some("bob@contoso.com"));
            assert_eq!(id.event_id1.as_deref(), Some("x"));
            assert_eq!(id.event_id, None);
            assert_eq!(id.$method_key, None);

            let nulls: Identity =
                serde_json::from_str(r#"{"UserId": null}"#).expect("null is an absent key");
            assert_eq!(nulls, Identity::default());
        }

        #[test]
        fn identity_skips_unknown_keys_and_refuses_repeated_ones() {
            // As PowerShell's identity converter: a pasted object binds by the keys it carries.
            let pasted = serde_json::from_str::<Identity>(
                r#"{"UserPrincipalName": "a", "userid": "u", "manager": {"id": "m"}, "tags": [1]}"#,
            )
            .expect("unknown keys skipped");
            assert_eq!(pasted.user_id.as_deref(), Some("u"));

            // The method key of the other version's identity is just as unknown: skipped.
            let other = concat!(r#"{""#, $other_method_key, r#"": "a"}"#);
            let other = serde_json::from_str::<Identity>(other).expect("skipped");
            assert_eq!(other, Identity::default());

            let twice = serde_json::from_str::<Identity>(r#"{"UserId": "a", "userid": "b"}"#)
                .expect_err("the same key twice is ambiguous");
            assert!(twice.to_string().contains("UserId"), "{twice}");
        }

        #[test]
        fn identity_serializes_with_the_sdk_keys_and_round_trips() {
            let id = instance("u", "e", "e1");
            let value = serde_json::to_value(&id).expect("serializes");
            assert_eq!(
                value,
                json!({"UserId": "u", "EventId": "e", "EventId1": "e1"})
            );
            let back: Identity = serde_json::from_value(value).expect("round trips");
            assert_eq!(back, id);
            assert_eq!(
                Identity::PROPERTIES,
                ["UserId", $method_key_name, "EventId", "EventId1"]
            );
        }

        // -------------------------------------------------------------------------------------
        // Revoke-…UserSignInSession
        // -------------------------------------------------------------------------------------

        #[tokio::test]
        async fn revoke_user_id_posts_a_signed_request_to_the_exact_path_and_gives_value_true() {
            let path = revoke_path("alice%40contoso.com");
            let (ok, request) = post_once(&path, value(true), async |client| {
                client.$revoke().user_id("alice@contoso.com").send().await
            })
            .await;
            let ok: bool = ok.expect("revoked");
            assert!(ok);
            assert_bodiless_post(&request, &path);
            assert_eq!(
                header(&request, "accept").as_deref(),
                Some("application/json")
            );
        }

        #[tokio::test]
        async fn revoke_gives_false_when_graph_answers_value_false() {
            let (ok, _) = post_once(&revoke_path("alice"), value(false), revoke_alice).await;
            let ok = ok.expect("answered");
            assert!(!ok, "value false must not be reported as success");
        }

        #[tokio::test]
        async fn revoke_no_content_and_empty_2xx_answers_count_as_true() {
            for status in [204, 202, 200, 201] {
                let (ok, _) = post_once(&revoke_path("alice"), empty(status), revoke_alice).await;
                let ok = ok.unwrap_or_else(|e| panic!("{status}: {e}"));
                assert!(ok, "{status} with no body is success");
            }
        }

        #[tokio::test]
        async fn revoke_via_identity_posts_to_the_identity_user() {
            let path = revoke_path("bob%40contoso.com");
            let (ok, request) = post_once(&path, value(true), async |client| {
                client
                    .$revoke()
                    .input_object(user("bob@contoso.com"))
                    .send()
                    .await
            })
            .await;
            assert!(ok.expect("revoked"));
            assert_bodiless_post(&request, &path);
        }

        #[tokio::test]
        async fn revoke_via_identity_accepts_an_identity_read_from_json() {
            let id: Identity =
                serde_json::from_str(r#"{"userid": "carol@contoso.com"}"#).expect("deserializes");
            let path = revoke_path("carol%40contoso.com");
            let (ok, _) = post_once(&path, value(true), async |client| {
                client.$revoke().input_object(id).send().await
            })
            .await;
            assert!(ok.expect("revoked"));
        }

        #[tokio::test]
        async fn revoke_custom_headers_are_sent_and_repeatable() {
            let (ok, request) = post_once(&revoke_path("alice"), value(true), async |client| {
                client
                    .$revoke()
                    .user_id("alice")
                    .header("x-a", "1")
                    .header("ConsistencyLevel", "eventual")
                    .header("x-a", "2")
                    .send()
                    .await
            })
            .await;
            ok.expect("revoked");
            assert_eq!(header_values(&request, "x-a"), ["1", "2"]);
            assert_eq!(
                header(&request, "consistencylevel").as_deref(),
                Some("eventual")
            );
            assert_eq!(
                header(&request, "authorization").as_deref(),
                Some("Bearer test-token"),
                "custom headers do not displace the token"
            );
        }

        #[tokio::test]
        async fn revoke_custom_client_request_id_replaces_the_default_and_is_reported() {
            let answer = ResponseTemplate::new(400).set_body_string("");
            let (result, request) = post_once(&revoke_path("alice"), answer, async |client| {
                client
                    .$revoke()
                    .user_id("alice")
                    .header("client-request-id", "my-correlation-id")
                    .send()
                    .await
            })
            .await;
            let error = expect_err(result);
            assert_eq!(
                header_values(&request, "client-request-id"),
                ["my-correlation-id"]
            );
            assert_eq!(error.client_request_id(), Some("my-correlation-id"));
            assert!(error.to_string().contains("my-correlation-id"), "{error}");
        }

        #[tokio::test]
        async fn revoke_reserved_or_malformed_custom_headers_fail_before_sending() {
            let graph = Graph::answering(value(true)).await;
            for (name, value) in [
                ("Authorization", "Bearer stolen"),
                ("Host", "evil.example"),
                ("bad name", "x"),
                ("x-ok", "line\r\nInjected: yes"),
            ] {
                let result = graph
                    .$revoke()
                    .user_id("alice")
                    .header(name, value)
                    .send()
                    .await;
                assert_invalid_argument(result, &[REVOKE, "-Headers"]);
            }
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn revoke_graph_error_json_is_exposed_in_the_error_and_its_display() {
            let path = revoke_path("alice");
            let error = assert_graph_failure(&path, DENIED, REVOKE, revoke_alice).await;
            // A 403 names what to grant.
            assert!(error.to_string().contains($revoke_permission), "{error}");
        }

        #[tokio::test]
        async fn revoke_not_found_error_for_an_unknown_user() {
            let not_found = GraphFailure {
                status: 404,
                code: "Request_ResourceNotFound",
                message: "Resource 'ghost' does not exist.",
            };
            assert_graph_failure(&revoke_path("ghost"), not_found, REVOKE, async |client| {
                client.$revoke().user_id("ghost").send().await
            })
            .await;
        }

        #[tokio::test]
        async fn revoke_non_json_error_bodies_are_kept_without_panicking() {
            let error = post_fails(&revoke_path("alice"), html_error(), revoke_alice).await;
            assert_html_error_kept(&error);

            let error = post_fails(&revoke_path("alice"), garbage(500), revoke_alice).await;
            assert_eq!(error.kind(), ErrorKind::Api);
            assert_eq!(error.status(), Some(500));
            assert_eq!(error.raw_body(), Some(GARBAGE));
            assert!(error.to_string().contains("500"), "{error}");
        }

        #[tokio::test]
        async fn revoke_success_status_with_a_body_that_is_not_json_is_an_error_keeping_the_body() {
            let answer = ResponseTemplate::new(200).set_body_raw("<html>OK</html>", "text/html");
            let error = post_fails(&revoke_path("alice"), answer, revoke_alice).await;
            assert_eq!(error.kind(), ErrorKind::UnexpectedResponse, "{error}");
            assert_eq!(error.status(), Some(200));
            assert_eq!(error.raw_body(), Some(&b"<html>OK</html>"[..]));
            assert!(error.to_string().contains("<html>OK</html>"), "{error}");
        }

        #[tokio::test]
        async fn revoke_success_with_a_value_that_is_not_a_boolean_is_an_error() {
            for body in [json!({"value": "yes"}), json!({"ok": true}), json!([true])] {
                let answer = ResponseTemplate::new(200).set_body_json(&body);
                let error = post_fails(&revoke_path("alice"), answer, revoke_alice).await;
                assert_eq!(
                    error.kind(),
                    ErrorKind::UnexpectedResponse,
                    "{body}: {error}"
                );
                assert_eq!(
                    error.raw_body().map(<[u8]>::to_vec),
                    Some(serde_json::to_vec(&body).expect("serializes"))
                );
            }
        }

        #[tokio::test]
        async fn revoke_what_if_previews_each_parameter_set_and_sends_nothing() {
            let graph = Graph::answering(value(true)).await;
            let guest = "bob_contoso.com#EXT#@fabrikam.onmicrosoft.com";
            graph.assert_what_if(
                REVOKE,
                [
                    (
                        "Revoke",
                        revoke_path("bob_contoso.com%23EXT%23%40fabrikam.onmicrosoft.com"),
                        graph.$revoke().user_id(guest).what_if(),
                    ),
                    (
                        "RevokeViaIdentity",
                        revoke_path("alice%40contoso.com"),
                        graph
                            .$revoke()
                            .input_object(user("alice@contoso.com"))
                            .what_if(),
                    ),
                ],
            );
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn revoke_declined_confirm_sends_nothing_and_is_a_distinct_outcome() {
            let graph = Graph::answering(value(true)).await;
            let approvals = Approvals::default();

            let by_keys = graph.$revoke().user_id("alice@contoso.com");
            assert_declined(by_keys.confirm(approvals.hook(false)).send().await, REVOKE);
            let via_identity = graph.$revoke().input_object(user("alice@contoso.com"));
            assert_declined(via_identity.confirm(|_| false).send().await, REVOKE);
            graph.assert_nothing_sent().await;

            // The hook was shown what would have been sent.
            let seen = approvals.seen();
            assert_eq!(seen.len(), 1);
            let path = revoke_path("alice%40contoso.com");
            graph.assert_preview(&seen[0], REVOKE, "Revoke", &path);
        }

        #[tokio::test]
        async fn revoke_approved_confirm_sends_once() {
            let approvals = Approvals::default();
            let (ok, _) = post_once(&revoke_path("alice"), value(true), async |client| {
                client
                    .$revoke()
                    .user_id("alice")
                    .confirm(approvals.hook(true))
                    .send()
                    .await
            })
            .await;
            assert!(ok.expect("approved and sent"));
            assert_eq!(approvals.seen().len(), 1);
        }

        #[tokio::test]
        async fn revoke_via_identity_without_user_id_fails_before_sending() {
            let graph = Graph::answering(value(true)).await;
            // Keys the operation does not need do not stand in for the one it needs.
            let id = Identity {
                event_id: Some("e".into()),
                ..Default::default()
            };
            let result = graph.$revoke().input_object(id).send().await;
            assert_missing_identity_property(result, "UserId");
            let result = graph.$revoke().input_object(Identity::default()).what_if();
            assert_missing_identity_property(result, "UserId");
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn revoke_send_with_headers_exposes_status_and_response_headers() {
            let path = revoke_path("alice");
            let diagnostic =
                value(true).insert_header("x-ms-ags-diagnostic", "{\"ServerInfo\":{}}");
            let response = assert_response_headers(
                &path,
                diagnostic,
                "graph-request-1",
                true,
                200,
                async |client| client.$revoke().user_id("alice").send_with_headers().await,
            )
            .await;
            assert!(response.headers.contains_key("x-ms-ags-diagnostic"));

            assert_response_headers(
                &path,
                empty(204),
                "graph-request-2",
                true,
                204,
                async |client| {
                    client
                        .$revoke()
                        .input_object(user("alice"))
                        .send_with_headers()
                        .await
                },
            )
            .await;
        }

        #[tokio::test]
        async fn revoke_hostile_user_ids_reach_graph_as_exactly_one_segment() {
            let graph = Graph::answering(value(true)).await;
            let vias = [Via::Keys, Via::Identity];
            graph
                .assert_hostile_ids_reach_graph_as_one_segment(
                    &vias,
                    revoke_path,
                    async |client, via, raw| {
                        let ok = match via {
                            Via::Keys => client.$revoke().user_id(raw).send().await?,
                            Via::Identity => {
                                client.$revoke().input_object(user(raw)).send().await?
                            }
                        };
                        assert!(ok, "{raw:?} via {via:?}");
                        Ok(())
                    },
                )
                .await;
        }

        #[tokio::test]
        async fn revoke_what_if_url_matches_what_is_sent_for_hostile_ids() {
            let graph = Graph::answering(value(true)).await;
            for (raw, encoded) in HOSTILE_IDS {
                let builder = graph.$revoke().user_id(*raw);
                let preview = builder.what_if().expect("previews");
                assert_eq!(preview.url(), graph.url(&revoke_path(encoded)));
                builder.send().await.expect("sent");
                let last = graph.requests().await.pop().expect("one more request");
                assert_eq!(graph.url(&raw_path(&last)), preview.url(), "{raw:?}");
            }
        }

        #[tokio::test]
        async fn revoke_dot_and_empty_ids_are_refused_before_sending() {
            let graph = Graph::answering(value(true)).await;
            for bad in DOT_IDS {
                let result = graph.$revoke().user_id(*bad).send().await;
                assert_invalid_argument(result, &[REVOKE, "-UserId", &format!("{bad:?}")]);
                let result = graph.$revoke().user_id(*bad).what_if();
                assert_invalid_argument(result, &["-UserId"]);
                let result = graph.$revoke().input_object(user(bad)).send().await;
                assert_invalid_argument(result, &["InputObject.UserId"]);
            }
            let result = graph.$revoke().user_id("").send().await;
            assert_invalid_argument(result, &["-UserId", "empty"]);
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn base_url_with_a_trailing_slash_gives_the_same_request_path() {
            let graph = Graph::expecting(&revoke_path("alice"), value(true)).await;
            let client = client_for(format!("{}/", graph.server.uri()));
            assert!(revoke_alice(&client).await.expect("revoked"));
            assert_eq!(graph.paths().await, [revoke_path("alice")]);
        }

        #[tokio::test]
        async fn base_url_with_a_path_prefix_is_kept_before_the_version() {
            let prefixed = format!("/graph-proxy{}", revoke_path("alice"));
            let graph = Graph::expecting(&prefixed, value(true)).await;
            let client = client_for(format!("{}/graph-proxy/", graph.server.uri()));
            let builder = client.$revoke().user_id("alice");
            assert_eq!(
                builder.what_if().expect("previews").url(),
                graph.url(&prefixed)
            );
            assert!(builder.send().await.expect("revoked"));
            assert_eq!(graph.paths().await, [prefixed]);
        }

        #[tokio::test]
        async fn revoke_unauthorized_error_says_what_is_wrong_with_the_token() {
            let expired = GraphFailure {
                status: 401,
                code: "InvalidAuthenticationToken",
                message: "Access token has expired or is not yet valid.",
            };
            let error =
                assert_graph_failure(&revoke_path("alice"), expired, REVOKE, revoke_alice).await;
            assert!(error.to_string().contains("token"), "{error}");
            assert!(
                !error.to_string().contains(TOKEN),
                "the token itself is never shown: {error}"
            );
        }

        // -------------------------------------------------------------------------------------
        // Update-…UserPassword
        // -------------------------------------------------------------------------------------

        #[tokio::test]
        async fn update_password_expanded_sends_the_camel_case_body_and_gives_none_without_pass_thru()
         {
            let path = password_path("alice%40contoso.com");
            let (result, request) = post_once(&path, empty(204), async |client| {
                client
                    .$password()
                    .user_id("alice@contoso.com")
                    .current_password("xWwvJ]6NMw+bWH-d")
                    .new_password("0eM85N54wFxWwvJ]")
                    .send()
                    .await
            })
            .await;
            let result = result.expect("changed");
            assert_eq!(result, None, "-PassThru not given: nothing to return");
            assert_signed_post(&request);
            assert_json_body(
                &request,
                &json!({"currentPassword": "xWwvJ]6NMw+bWH-d", "newPassword": "0eM85N54wFxWwvJ]"}),
            );
        }

        #[tokio::test]
        async fn update_password_pass_thru_gives_some_true() {
            let (result, _) = post_once(&password_path("alice"), empty(204), async |client| {
                client
                    .$password()
                    .user_id("alice")
                    .current_password("old")
                    .new_password("new")
                    .pass_thru()
                    .send()
                    .await
            })
            .await;
            assert_eq!(result.expect("changed"), Some(true));
        }

        #[tokio::test]
        async fn update_password_body_parameter_sends_the_body_as_given() {
            let body =
                json!({"currentPassword": "old", "newPassword": "new", "x": [1, {"y": null}]});
            let (result, request) =
                post_once(&password_path("alice"), empty(204), async |client| {
                    client
                        .$password()
                        .user_id("alice")
                        .body_json(body.clone())
                        .pass_thru()
                        .send()
                        .await
                })
                .await;
            assert_eq!(result.expect("changed"), Some(true));
            assert_json_body(&request, &body);
        }

        #[tokio::test]
        async fn update_password_via_identity_with_body_parameter() {
            let body = json!({"currentPassword": "old", "newPassword": "new"});
            let (result, request) =
                post_once(&password_path("a%2Fb"), empty(204), async |client| {
                    client
                        .$password()
                        .input_object(user("a/b"))
                        .body_json(body.clone())
                        .send()
                        .await
                })
                .await;
            assert_eq!(result.expect("changed"), None);
            assert_signed_post(&request);
            assert_json_body(&request, &body);
        }

        #[tokio::test]
        async fn update_password_via_identity_expanded_merges_additional_properties() {
            let mut extra = serde_json::Map::new();
            extra.insert("@odata.type".into(), json!("#microsoft.graph.x"));
            extra.insert("flag".into(), json!(true));
            let (result, request) =
                post_once(&password_path("alice"), empty(204), async |client| {
                    client
                        .$password()
                        .input_object(user("alice"))
                        .new_password("new")
                        .additional_properties(extra)
                        .current_password("old")
                        .send()
                        .await
                })
                .await;
            result.expect("changed");
            assert_json_body(
                &request,
                &json!({
                    "currentPassword": "old",
                    "newPassword": "new",
                    "@odata.type": "#microsoft.graph.x",
                    "flag": true
                }),
            );
        }

        #[tokio::test]
        async fn update_password_expanded_without_parameters_sends_an_empty_object() {
            let (result, request) =
                post_once(&password_path("alice"), empty(204), async |client| {
                    client.$password().user_id("alice").send().await
                })
                .await;
            result.expect("sent");
            assert_json_body(&request, &json!({}));
        }

        #[tokio::test]
        async fn update_password_body_parameter_with_an_expanded_parameter_fails_before_sending() {
            let graph = Graph::answering(empty(204)).await;
            let result = graph
                .$password()
                .user_id("alice")
                .body_json(json!({"newPassword": "a"}))
                .current_password("old")
                .send()
                .await;
            assert_invalid_argument(result, &[PASSWORD, "-BodyParameter", "currentPassword"]);

            let builder = graph
                .$password()
                .input_object(user("alice"))
                .new_password("new")
                .body_json(json!({"newPassword": "a"}));
            let result = builder.what_if();
            assert_invalid_argument(result, &[PASSWORD, "-BodyParameter", "newPassword"]);
            assert_invalid_argument(builder.send().await, &["-BodyParameter"]);
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn update_password_what_if_names_each_of_the_four_parameter_sets() {
            let graph = Graph::answering(empty(204)).await;
            let path = password_path("alice");
            let body = json!({"newPassword": "n"});
            let by_keys = || graph.$password().user_id("alice");
            let via_identity = || graph.$password().input_object(user("alice"));
            graph.assert_what_if(
                PASSWORD,
                [
                    (
                        "Change",
                        &path,
                        by_keys().body_json(body.clone()).what_if(),
                    ),
                    (
                        "ChangeExpanded",
                        &path,
                        by_keys().new_password("n").what_if(),
                    ),
                    (
                        "ChangeViaIdentity",
                        &path,
                        via_identity().body_json(body).what_if(),
                    ),
                    ("ChangeViaIdentityExpanded", &path, via_identity().what_if()),
                ],
            );
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn update_password_graph_error_is_an_error_even_with_pass_thru() {
            let too_simple = GraphFailure {
                status: 400,
                code: "Request_BadRequest",
                message: "The password does not meet the complexity requirements.",
            };
            assert_graph_failure(
                &password_path("alice"),
                too_simple,
                PASSWORD,
                async |client| {
                    client
                        .$password()
                        .user_id("alice")
                        .current_password("old")
                        .new_password("x")
                        .pass_thru()
                        .send()
                        .await
                },
            )
            .await;
        }

        #[tokio::test]
        async fn update_password_declined_confirm_sends_nothing() {
            let graph = Graph::answering(empty(204)).await;
            let approvals = Approvals::default();
            assert_declined(
                graph
                    .$password()
                    .input_object(user("alice"))
                    .current_password("old")
                    .new_password("new")
                    .pass_thru()
                    .confirm(approvals.hook(false))
                    .send()
                    .await,
                PASSWORD,
            );
            graph.assert_nothing_sent().await;
            assert_eq!(
                approvals.seen()[0].parameter_set(),
                "ChangeViaIdentityExpanded"
            );
        }

        #[tokio::test]
        async fn update_password_approved_confirm_sends() {
            let (result, _) = post_once(&password_path("alice"), empty(204), async |client| {
                client
                    .$password()
                    .user_id("alice")
                    .new_password("new")
                    .confirm(|_| true)
                    .pass_thru()
                    .send()
                    .await
            })
            .await;
            assert_eq!(result.expect("sent"), Some(true));
        }

        #[tokio::test]
        async fn update_password_via_identity_without_user_id_fails_before_sending() {
            let graph = Graph::answering(empty(204)).await;
            let result = graph
                .$password()
                .input_object(Identity::default())
                .body_json(json!({}))
                .send()
                .await;
            assert_missing_identity_property(result, "UserId");
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn update_password_send_with_headers_gives_status_and_headers() {
            let path = password_path("alice");
            assert_response_headers(&path, empty(204), "pw-1", Some(true), 204, async |client| {
                client
                    .$password()
                    .user_id("alice")
                    .new_password("n")
                    .pass_thru()
                    .send_with_headers()
                    .await
            })
            .await;
        }

        #[tokio::test]
        async fn update_password_hostile_ids_reach_graph_as_one_segment_and_dots_are_refused() {
            let graph = Graph::answering(empty(204)).await;
            let sent = graph
                .assert_hostile_ids_reach_graph_as_one_segment(
                    &[Via::Keys],
                    password_path,
                    async |client, _, raw| {
                        client
                            .$password()
                            .user_id(raw)
                            .new_password("n")
                            .send()
                            .await
                    },
                )
                .await;
            for bad in DOT_IDS {
                let result = graph
                    .$password()
                    .input_object(user(bad))
                    .new_password("n")
                    .send()
                    .await;
                assert_invalid_argument(result, &[PASSWORD, "UserId"]);
            }
            graph.assert_request_count(sent).await;
        }

        event_and_device_cmdlet_tests! {
            module: $module,
            api_version: $api_version,
            revoke: $revoke = $revoke_cmdlet,
            revoke_least_privileged: $revoke_permission,
            password: $password = $password_cmdlet,
            accept: $accept = $accept_cmdlet,
            remove: $remove = $remove_cmdlet,
            remove_alias: $remove_alias,
            disable: $disable = $disable_cmdlet,
            method_key: $method_key = $method_key_name,
            method_key_camel_case: $method_key_camel,
            method_collection: $method_collection,
            other_version_method_key: $other_method_key,
        }
    };
}
