//! The second half of the tests both Users.Actions versions share, written once:
//! `Invoke-…AcceptUserEventInstance` (keys of several levels),
//! `Remove-…AllUserDeviceFromManagement` with its alias, and `Disable-…SmsSignIn`. `users_actions_cmdlet_tests!` expands them,
//! forwarding its arguments, next to the setup (paths, identities, cmdlet names) they use.

/// Expands the tests above; invoked by `users_actions_cmdlet_tests!` only.
macro_rules! event_and_device_cmdlet_tests {
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
        // -------------------------------------------------------------------------------------
        // Invoke-…AcceptUserEventInstance
        // -------------------------------------------------------------------------------------

        #[tokio::test]
        async fn accept_expanded_posts_the_reply_to_the_occurrence_path() {
            let path = accept_path("alice%40contoso.com", "master", "occurrence");
            let (result, request) = post_once(&path, empty(202), async |client| {
                client
                    .$accept()
                    .user_id("alice@contoso.com")
                    .event_id("master")
                    .event_id1("occurrence")
                    .send_response(true)
                    .comment("I will be there")
                    .send()
                    .await
            })
            .await;
            assert_eq!(result.expect("accepted"), None);
            assert_signed_post(&request);
            // The property names of the spec's request body (the action's parameters).
            assert_json_body(
                &request,
                &json!({"SendResponse": true, "Comment": "I will be there"}),
            );
        }

        #[tokio::test]
        async fn accept_pass_thru_gives_some_true_for_202_and_204() {
            for status in [202, 204] {
                let path = accept_path("u", "e", "e1");
                let (result, request) = post_once(&path, empty(status), async |client| {
                    client
                        .$accept()
                        .user_id("u")
                        .event_id("e")
                        .event_id1("e1")
                        .send_response(false)
                        .pass_thru()
                        .send()
                        .await
                })
                .await;
                assert_eq!(result.expect("accepted"), Some(true), "{status}");
                assert_json_body(&request, &json!({"SendResponse": false}));
            }
        }

        #[tokio::test]
        async fn accept_body_parameter_sends_the_body_as_given() {
            let body = json!({"Comment": "ok", "SendResponse": false});
            let path = accept_path("u", "e", "e1");
            let (result, request) = post_once(&path, empty(202), async |client| {
                client
                    .$accept()
                    .user_id("u")
                    .event_id("e")
                    .event_id1("e1")
                    .body_json(body.clone())
                    .send()
                    .await
            })
            .await;
            result.expect("accepted");
            assert_json_body(&request, &body);
        }

        #[tokio::test]
        async fn accept_via_identity_with_body_parameter_and_expanded() {
            let graph = Graph::answering(empty(202)).await;
            let body = json!({"Comment": "from hashtable"});
            let result = graph
                .$accept()
                .input_object(instance("u", "e", "e1"))
                .body_json(body.clone())
                .pass_thru()
                .send()
                .await;
            assert_eq!(result.expect("accepted"), Some(true));
            let id: Identity =
                serde_json::from_str(r#"{"UserId": "u", "EventId": "e", "EventId1": "e2"}"#)
                    .expect("deserializes");
            let result = graph
                .$accept()
                .input_object(id)
                .comment("expanded")
                .send()
                .await;
            assert_eq!(result.expect("accepted"), None);

            let requests = graph.requests().await;
            assert_eq!(requests.len(), 2);
            assert_eq!(raw_path(&requests[0]), accept_path("u", "e", "e1"));
            assert_signed_post(&requests[0]);
            assert_json_body(&requests[0], &body);
            assert_eq!(raw_path(&requests[1]), accept_path("u", "e", "e2"));
            assert_json_body(&requests[1], &json!({"Comment": "expanded"}));
        }

        #[tokio::test]
        async fn accept_via_identity_lacking_event_id1_fails_before_sending_naming_it() {
            let graph = Graph::answering(empty(202)).await;
            let id = Identity {
                user_id: Some("u".into()),
                event_id: Some("e".into()),
                ..Default::default()
            };
            let result = graph
                .$accept()
                .input_object(id.clone())
                .comment("c")
                .send()
                .await;
            let error = assert_missing_identity_property(result, "EventId1");
            assert!(
                error
                    .to_string()
                    .contains("InputObject has null value for InputObject.EventId1"),
                "{error}"
            );
            let result = graph.$accept().input_object(id).what_if();
            assert_missing_identity_property(result, "EventId1");

            let without_event = Identity {
                user_id: Some("u".into()),
                event_id1: Some("e1".into()),
                ..Default::default()
            };
            let result = graph
                .$accept()
                .input_object(without_event)
                .body_json(json!({}))
                .send()
                .await;
            assert_missing_identity_property(result, "EventId");
            let without_user = Identity {
                event_id: Some("e".into()),
                event_id1: Some("e1".into()),
                ..Default::default()
            };
            let result = graph.$accept().input_object(without_user).send().await;
            assert_missing_identity_property(result, "UserId");
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn accept_plain_set_missing_a_key_fails_before_sending_naming_it() {
            let graph = Graph::answering(empty(202)).await;
            let result = graph
                .$accept()
                .user_id("u")
                .event_id("e")
                .comment("c")
                .send()
                .await;
            assert_invalid_argument(result, &[ACCEPT, "-EventId1"]);
            let result = graph.$accept().user_id("u").event_id1("e1").what_if();
            let error = assert_invalid_argument(result, &[ACCEPT, "-EventId"]);
            assert!(!error.to_string().contains("-EventId1"), "{error}");
            let result = graph
                .$accept()
                .event_id("e")
                .event_id1("e1")
                .body_json(json!({}))
                .send()
                .await;
            assert_invalid_argument(result, &[ACCEPT, "-UserId"]);
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn accept_body_parameter_with_an_expanded_parameter_fails_before_sending() {
            let graph = Graph::answering(empty(202)).await;
            assert_invalid_argument(
                graph
                    .$accept()
                    .user_id("u")
                    .event_id("e")
                    .event_id1("e1")
                    .comment("c")
                    .body_json(json!({"Comment": "d"}))
                    .send()
                    .await,
                &[ACCEPT, "-BodyParameter", "Comment"],
            );
            let result = graph
                .$accept()
                .input_object(instance("u", "e", "e1"))
                .body_json(json!({}))
                .send_response(true)
                .send()
                .await;
            assert_invalid_argument(result, &[ACCEPT, "-BodyParameter", "SendResponse"]);
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn accept_hostile_ids_in_every_key_reach_graph_as_one_segment_each() {
            let graph = Graph::answering(empty(202)).await;
            let vias = [Via::Keys, Via::Identity];
            let path = |e: &str| accept_path(e, e, e);
            graph
                .assert_hostile_ids_reach_graph_as_one_segment(
                    &vias,
                    path,
                    async |client, via, raw| match via {
                        Via::Keys => {
                            client
                                .$accept()
                                .user_id(raw)
                                .event_id(raw)
                                .event_id1(raw)
                                .send()
                                .await
                        }
                        Via::Identity => {
                            client
                                .$accept()
                                .input_object(instance(raw, raw, raw))
                                .body_json(json!({}))
                                .send()
                                .await
                        }
                    },
                )
                .await;
        }

        #[tokio::test]
        async fn accept_dot_ids_in_any_key_are_refused_before_sending() {
            let graph = Graph::answering(empty(202)).await;
            for bad in DOT_IDS {
                let cases = [
                    ("-UserId", (*bad, "e", "e1")),
                    ("-EventId", ("u", *bad, "e1")),
                    ("-EventId1", ("u", "e", *bad)),
                ];
                for (parameter, (u, e, e1)) in cases {
                    let result = graph
                        .$accept()
                        .user_id(u)
                        .event_id(e)
                        .event_id1(e1)
                        .send()
                        .await;
                    assert_invalid_argument(result, &[ACCEPT, parameter]);
                    let result = graph
                        .$accept()
                        .input_object(instance(u, e, e1))
                        .send()
                        .await;
                    assert_invalid_argument(result, &[ACCEPT, &parameter[1..]]);
                }
            }
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn accept_what_if_names_each_of_the_four_parameter_sets() {
            let graph = Graph::answering(empty(202)).await;
            let path = accept_path("u", "e%2F1", "e%2B2");
            let by_keys = || {
                graph
                    .$accept()
                    .user_id("u")
                    .event_id("e/1")
                    .event_id1("e+2")
            };
            let via_identity = || graph.$accept().input_object(instance("u", "e/1", "e+2"));
            graph.assert_what_if(
                ACCEPT,
                [
                    (
                        "Accept",
                        &path,
                        by_keys().body_json(json!({})).what_if(),
                    ),
                    ("AcceptExpanded", &path, by_keys().what_if()),
                    (
                        "AcceptViaIdentity",
                        &path,
                        via_identity().body_json(json!({})).what_if(),
                    ),
                    (
                        "AcceptViaIdentityExpanded",
                        &path,
                        via_identity().comment("c").what_if(),
                    ),
                ],
            );
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn accept_declined_confirm_sends_nothing_and_approved_sends() {
            let graph = Graph::answering(empty(202)).await;
            let by_keys = || graph.$accept().user_id("u").event_id("e").event_id1("e1");
            let result = by_keys().confirm(|_| false).pass_thru().send().await;
            assert_declined(result, ACCEPT);
            graph.assert_nothing_sent().await;
            let result = by_keys()
                .confirm(|p| p.parameter_set() == "AcceptExpanded")
                .pass_thru()
                .send()
                .await
                .expect("approved");
            assert_eq!(result, Some(true));
            assert_eq!(graph.paths().await, [accept_path("u", "e", "e1")]);
        }

        #[tokio::test]
        async fn accept_graph_and_non_json_errors() {
            let path = accept_path("u", "e", "e1");
            let not_found = GraphFailure {
                status: 404,
                code: "ErrorItemNotFound",
                message: "The specified object was not found in the store.",
            };
            assert_graph_failure(&path, not_found, ACCEPT, async |client| {
                client
                    .$accept()
                    .input_object(instance("u", "e", "e1"))
                    .pass_thru()
                    .send()
                    .await
            })
            .await;

            let error = post_fails(&path, html_error(), async |client| {
                client
                    .$accept()
                    .user_id("u")
                    .event_id("e")
                    .event_id1("e1")
                    .send()
                    .await
            })
            .await;
            assert_html_error_kept(&error);
        }

        #[tokio::test]
        async fn accept_send_with_headers_gives_status_and_headers() {
            let path = accept_path("u", "e", "e1");
            assert_response_headers(&path, empty(202), "acc-1", None, 202, async |client| {
                client
                    .$accept()
                    .user_id("u")
                    .event_id("e")
                    .event_id1("e1")
                    .send_with_headers()
                    .await
            })
            .await;
        }

        // -------------------------------------------------------------------------------------
        // Remove-…AllUserDeviceFromManagement (alias Remove-…UserDeviceFromManagement)
        // -------------------------------------------------------------------------------------

        #[tokio::test]
        async fn remove_all_devices_gives_none_without_pass_thru_and_some_true_with_it() {
            let graph = Graph::answering(empty(204)).await;
            let by_keys = || graph.$remove().user_id("alice@contoso.com");
            assert_eq!(by_keys().send().await.expect("removed"), None);
            let result = by_keys().pass_thru().send().await.expect("removed");
            assert_eq!(result, Some(true));
            let path = remove_path("alice%40contoso.com");
            graph.assert_bodiless_posts(2, &path).await;
        }

        #[tokio::test]
        async fn remove_pass_thru_ignores_a_body_on_success() {
            let (result, _) = post_once(&remove_path("alice"), value(false), async |client| {
                client.$remove().user_id("alice").pass_thru().send().await
            })
            .await;
            assert_eq!(result.expect("removed"), Some(true));
        }

        #[tokio::test]
        async fn remove_via_identity_posts_to_the_identity_user() {
            let (result, request) = post_once(&remove_path("%C3%BC"), empty(204), async |client| {
                client
                    .$remove()
                    .input_object(user("ü"))
                    .pass_thru()
                    .header("x-a", "1")
                    .send()
                    .await
            })
            .await;
            assert_eq!(result.expect("removed"), Some(true));
            assert_signed_post(&request);
            assert_eq!(header(&request, "x-a").as_deref(), Some("1"));
        }

        #[tokio::test]
        async fn remove_alias_method_is_the_same_cmdlet() {
            let path = remove_path("alice");
            let graph = Graph::expecting(&path, empty(204)).await;
            let preview = graph.$remove_alias().user_id("alice").what_if();
            graph.assert_what_if(REMOVE, [("Remove", &path, preview)]);
            let result = graph
                .$remove_alias()
                .user_id("alice")
                .pass_thru()
                .send()
                .await;
            assert_eq!(result.expect("removed"), Some(true));
            let preview = graph.$remove_alias().input_object(user("alice")).what_if();
            graph.assert_what_if(REMOVE, [("RemoveViaIdentity", &path, preview)]);
        }

        #[tokio::test]
        async fn remove_what_if_and_declined_confirm_send_nothing() {
            let graph = Graph::answering(empty(204)).await;
            let preview = graph.$remove().input_object(user("a&b")).what_if();
            graph.assert_what_if(
                REMOVE,
                [("RemoveViaIdentity", remove_path("a%26b"), preview)],
            );
            assert_declined(
                graph
                    .$remove()
                    .user_id("alice")
                    .pass_thru()
                    .confirm(|_| false)
                    .send()
                    .await,
                REMOVE,
            );
            assert_declined(
                graph
                    .$remove_alias()
                    .input_object(user("alice"))
                    .confirm(|_| false)
                    .send_with_headers()
                    .await,
                REMOVE,
            );
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn remove_errors_are_errors_even_with_pass_thru() {
            let forbidden = GraphFailure {
                status: 403,
                code: "Forbidden",
                message: "Application is not authorized to perform this operation.",
            };
            let error =
                assert_graph_failure(&remove_path("alice"), forbidden, REMOVE, async |client| {
                    client.$remove().user_id("alice").pass_thru().send().await
                })
                .await;
            assert!(
                error
                    .to_string()
                    .contains("DeviceManagementManagedDevices.PrivilegedOperations.All"),
                "{error}"
            );

            let error = post_fails(&remove_path("alice"), garbage(500), async |client| {
                client.$remove().input_object(user("alice")).send().await
            })
            .await;
            assert_eq!(error.status(), Some(500));
            assert_eq!(error.raw_body(), Some(GARBAGE));
        }

        #[tokio::test]
        async fn remove_via_identity_without_user_id_fails_before_sending() {
            let graph = Graph::answering(empty(204)).await;
            assert_missing_identity_property(
                graph
                    .$remove()
                    .input_object(method_without_user())
                    .pass_thru()
                    .send()
                    .await,
                "UserId",
            );
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn remove_send_with_headers_gives_status_and_headers() {
            let path = remove_path("alice");
            assert_response_headers(&path, empty(204), "rm-1", None, 204, async |client| {
                client.$remove().user_id("alice").send_with_headers().await
            })
            .await;
        }

        #[tokio::test]
        async fn remove_hostile_ids_reach_graph_as_one_segment_and_dots_are_refused() {
            let graph = Graph::answering(empty(204)).await;
            let vias = [Via::Keys, Via::Identity];
            let sent = graph
                .assert_hostile_ids_reach_graph_as_one_segment(
                    &vias,
                    remove_path,
                    async |client, via, raw| match via {
                        Via::Keys => client.$remove().user_id(raw).send().await,
                        Via::Identity => {
                            client.$remove_alias().input_object(user(raw)).send().await
                        }
                    },
                )
                .await;
            for bad in DOT_IDS {
                let result = graph.$remove().user_id(*bad).pass_thru().send().await;
                assert_invalid_argument(result, &[REMOVE, "-UserId"]);
            }
            graph.assert_request_count(sent).await;
        }

        // -------------------------------------------------------------------------------------
        // Disable-…SmsSignIn (of a phone / authentication method)
        // -------------------------------------------------------------------------------------

        #[tokio::test]
        async fn disable_sms_sign_in_posts_to_the_authentication_method_path() {
            let graph = Graph::answering(empty(204)).await;
            assert_eq!(
                graph
                    .$disable()
                    .user_id("alice@contoso.com")
                    .$method_key(MOBILE)
                    .send()
                    .await
                    .expect("disabled"),
                None
            );
            // Keys may be given in any order.
            let result = graph
                .$disable()
                .$method_key(MOBILE)
                .user_id("alice@contoso.com")
                .pass_thru()
                .send()
                .await
                .expect("disabled");
            assert_eq!(result, Some(true));
            let path = disable_path("alice%40contoso.com", MOBILE);
            graph.assert_bodiless_posts(2, &path).await;
        }

        #[tokio::test]
        async fn disable_via_identity_uses_both_keys() {
            let id: Identity = serde_json::from_value(json!({
                "userId": "u",
                $method_key_camel: MOBILE
            }))
            .expect("deserializes");
            let (result, _) = post_once(&disable_path("u", MOBILE), empty(204), async |client| {
                client.$disable().input_object(id).pass_thru().send().await
            })
            .await;
            assert_eq!(result.expect("disabled"), Some(true));
        }

        #[tokio::test]
        async fn disable_missing_method_key_fails_before_sending_in_both_sets() {
            let graph = Graph::answering(empty(204)).await;
            let result = graph.$disable().input_object(user("u")).send().await;
            assert_missing_identity_property(result, $method_key_name);
            let result = graph
                .$disable()
                .input_object(method_without_user())
                .send()
                .await;
            assert_missing_identity_property(result, "UserId");
            let result = graph.$disable().user_id("u").send().await;
            assert_invalid_argument(result, &[DISABLE, concat!("-", $method_key_name)]);
            let result = graph.$disable().$method_key(MOBILE).what_if();
            assert_invalid_argument(result, &[DISABLE, "-UserId"]);
            graph.assert_nothing_sent().await;
        }

        #[tokio::test]
        async fn disable_what_if_and_confirm() {
            let graph = Graph::answering(empty(204)).await;
            let path = disable_path("u", MOBILE);
            let via_identity = || graph.$disable().input_object(method("u", MOBILE));
            graph.assert_what_if(
                DISABLE,
                [
                    (
                        "Disable",
                        &path,
                        graph.$disable().user_id("u").$method_key(MOBILE).what_if(),
                    ),
                    ("DisableViaIdentity", &path, via_identity().what_if()),
                ],
            );
            assert_declined(via_identity().confirm(|_| false).send().await, DISABLE);
            graph.assert_nothing_sent().await;
            let approvals = Approvals::default();
            assert_eq!(
                via_identity()
                    .confirm(approvals.hook(true))
                    .pass_thru()
                    .send()
                    .await
                    .expect("approved"),
                Some(true)
            );
            assert_eq!(approvals.seen()[0].parameter_set(), "DisableViaIdentity");
            assert_eq!(graph.paths().await, [path]);
        }

        #[tokio::test]
        async fn disable_hostile_ids_in_both_keys_and_dots_refused() {
            let graph = Graph::answering(empty(204)).await;
            let vias = [Via::Keys, Via::Identity];
            let path = |e: &str| disable_path(e, e);
            let sent = graph
                .assert_hostile_ids_reach_graph_as_one_segment(
                    &vias,
                    path,
                    async |client, via, raw| match via {
                        Via::Keys => client.$disable().user_id(raw).$method_key(raw).send().await,
                        Via::Identity => {
                            client
                                .$disable()
                                .input_object(method(raw, raw))
                                .send()
                                .await
                        }
                    },
                )
                .await;
            for bad in DOT_IDS {
                let result = graph.$disable().user_id("u").$method_key(*bad).send().await;
                assert_invalid_argument(result, &[DISABLE, concat!("-", $method_key_name)]);
                let result = graph.$disable().input_object(method("u", bad)).send().await;
                assert_invalid_argument(result, &[DISABLE, $method_key_name]);
            }
            graph.assert_request_count(sent).await;
        }

        #[tokio::test]
        async fn disable_errors_keep_graph_facts() {
            let not_enabled = GraphFailure {
                status: 400,
                code: "badRequest",
                message: "SMS sign-in is not enabled for this authentication method.",
            };
            assert_graph_failure(
                &disable_path("u", MOBILE),
                not_enabled,
                DISABLE,
                async |client| {
                    client
                        .$disable()
                        .user_id("u")
                        .$method_key(MOBILE)
                        .pass_thru()
                        .send()
                        .await
                },
            )
            .await;
        }

        #[tokio::test]
        async fn disable_send_with_headers_gives_status_and_headers() {
            let path = disable_path("u", MOBILE);
            assert_response_headers(
                &path,
                empty(204),
                "dis-1",
                Some(true),
                204,
                async |client| {
                    client
                        .$disable()
                        .input_object(method("u", MOBILE))
                        .pass_thru()
                        .send_with_headers()
                        .await
                },
            )
            .await;
        }
    };
}
