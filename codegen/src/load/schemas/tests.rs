//! The models walk on small specs: what is reached, how fields and enums are named, and the
//! shapes that cannot be typed.

use super::*;
use crate::load::config::ModuleConfig;

const SPEC: &str = r##"
openapi: 3.0.1
info: { title: T, version: v1.0 }
servers: [ { url: "https://graph.microsoft.com/v1.0/" } ]
paths:
  /users/{user-id}/microsoft.graph.find:
    post:
      operationId: user_find
      parameters:
        - { name: user-id, in: path, required: true, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                attendees: { type: array, items: { $ref: '#/components/schemas/microsoft.graph.attendeeBase' } }
                maxCandidates: { type: integer, format: int32, nullable: true }
                when: { $ref: '#/components/schemas/microsoft.graph.timeSlot' }
      responses:
        2XX:
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/microsoft.graph.result' }
components:
  schemas:
    microsoft.graph.result:
      type: object
      properties:
        confidence: { oneOf: [ { type: number, format: double }, { type: string }, { $ref: '#/components/schemas/ReferenceNumeric' } ] }
        status: { $ref: '#/components/schemas/microsoft.graph.freeBusyStatus' }
        scope: { $ref: '#/components/schemas/microsoft.graph.recipientScopeType' }
        parent: { anyOf: [ { $ref: '#/components/schemas/microsoft.graph.result' }, { type: object, nullable: true } ] }
        children: { type: array, items: { $ref: '#/components/schemas/microsoft.graph.result' } }
        odd: { oneOf: [ { type: boolean }, { $ref: '#/components/schemas/microsoft.graph.timeSlot' } ] }
        type: { type: string }
        '@odata.type': { type: string }
        additional: { type: string, format: uuid }
        'é': { type: string }
    microsoft.graph.recipient:
      type: object
      properties:
        emailAddress: { type: string }
    microsoft.graph.attendeeBase:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.recipient'
        - type: object
          properties:
            type: { type: string }
    microsoft.graph.attendee:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.attendeeBase'
        - type: object
          properties:
            status: { $ref: '#/components/schemas/microsoft.graph.freeBusyStatus' }
    microsoft.graph.security.alert:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.recipient'
    microsoft.graph.timeSlot:
      type: object
      properties:
        start: { type: string, format: date-time }
        length: { type: string, format: duration }
    microsoft.graph.unused:
      type: object
      properties:
        x: { type: string }
    microsoft.graph.freeBusyStatus:
      type: string
      enum: [ free, busy, undeclared, Busy, '' ]
    microsoft.graph.recipientScopeType:
      type: string
      enum: [ none, internal ]
      x-ms-enum-flags: { isFlags: true }
    ReferenceNumeric:
      enum: [ '-INF', INF, NaN ]
"##;

fn models() -> (crate::model::Module, Vec<String>) {
    let spec = LoadedSpec::parse(std::path::Path::new("t.yml"), SPEC).unwrap();
    let module = crate::pipeline::build_module(&spec, &ModuleConfig::default()).unwrap();
    let operations = module.operations.clone();
    let (_, notes) = read_models(&spec, &operations).unwrap();
    (module, notes)
}

fn strukt<'m>(models: &'m Models, name: &str) -> &'m StructModel {
    match &models.get(name).unwrap().kind {
        ModelKind::Struct(model) => model,
        ModelKind::Enum(_) => panic!("{name} is an enum"),
    }
}

#[test]
fn reaches_exactly_what_the_operations_need_and_their_derived_types() {
    let (module, _) = models();
    let names: Vec<&str> = module
        .models
        .types
        .iter()
        .map(|t| t.wire_name.as_str())
        .collect();
    assert_eq!(
        names,
        [
            "microsoft.graph.attendee",
            "microsoft.graph.attendeeBase",
            "microsoft.graph.freeBusyStatus",
            "microsoft.graph.recipient",
            "microsoft.graph.recipientScopeType",
            "microsoft.graph.result",
            "microsoft.graph.security.alert",
            "microsoft.graph.timeSlot",
        ]
    );
    let alert = module.models.get("microsoft.graph.security.alert").unwrap();
    assert_eq!(alert.path(), "security::Alert");
    let recipient = strukt(&module.models, "microsoft.graph.recipient");
    assert_eq!(
        recipient.derived,
        [
            "microsoft.graph.attendee",
            "microsoft.graph.attendeeBase",
            "microsoft.graph.security.alert"
        ]
    );
}

#[test]
fn flattens_inheritance_and_types_fields() {
    let (module, _) = models();
    let attendee = strukt(&module.models, "microsoft.graph.attendee");
    let fields: Vec<(&str, &str)> = attendee
        .fields
        .iter()
        .map(|f| (f.wire_name.as_str(), f.rust_name.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            ("emailAddress", "email_address"),
            ("type", "type"),
            ("status", "status")
        ]
    );
    assert_eq!(attendee.bases, ["microsoft.graph.attendeeBase"]);

    let result = strukt(&module.models, "microsoft.graph.result");
    let ty = |wire: &str| result.fields.iter().find(|f| f.wire_name == wire).unwrap();
    assert_eq!(ty("confidence").ty, TypeRef::Double);
    assert_eq!(
        ty("parent").ty,
        TypeRef::Model("microsoft.graph.result".into())
    );
    assert!(ty("parent").boxed, "direct self reference is boxed");
    assert!(!ty("children").boxed, "Vec is indirection enough");
    assert_eq!(ty("odd").ty, TypeRef::Json);
    assert_eq!(ty("@odata.type").rust_name, "odata_type");
    // `additional` is a property here, so the map of unknown ones moves aside.
    assert_eq!(ty("additional").ty, TypeRef::Uuid);
    assert_eq!(result.additional, "additional2");
    assert!(result.fields.iter().all(|f| f.wire_name != "é"));

    let slot = strukt(&module.models, "microsoft.graph.timeSlot");
    assert_eq!(slot.fields[0].ty, TypeRef::DateTime);
    assert_eq!(slot.fields[1].ty, TypeRef::Duration);
}

#[test]
fn enums_keep_members_flags_and_avoid_the_fallback_name() {
    let (module, _) = models();
    let ModelKind::Enum(status) = &module
        .models
        .get("microsoft.graph.freeBusyStatus")
        .unwrap()
        .kind
    else {
        panic!("not an enum")
    };
    let variants: Vec<&str> = status.members.iter().map(|(_, v)| v.as_str()).collect();
    assert_eq!(variants, ["Free", "Busy", "Undeclared2", "Busy2"]);
    assert!(!status.flags);
    let ModelKind::Enum(scope) = &module
        .models
        .get("microsoft.graph.recipientScopeType")
        .unwrap()
        .kind
    else {
        panic!("not an enum")
    };
    assert!(scope.flags);
}

#[test]
fn untyped_shapes_are_noted_never_dropped_silently() {
    let (_, notes) = models();
    let joined = notes.join("\n");
    assert!(
        joined.contains("properties.odd: oneOf/anyOf of several types"),
        "{joined}"
    );
    assert!(
        joined.contains("property \"é\" has no Rust spelling"),
        "{joined}"
    );
    assert!(
        joined.contains("enum member \"\" has no Rust spelling"),
        "{joined}"
    );
}

/// Shapes that contain themselves with no end: two types each inheriting the other, an
/// array of itself, an anyOf of itself. Reading the operations, the models and rendering
/// the module all end; the models note each place, both types keep the fields of both,
/// and a property redeclared by a derived type is its, once.
#[test]
fn self_containing_shapes_end_with_a_note_and_redeclared_properties_are_kept_once() {
    let spec = r##"
openapi: 3.0.1
info: { title: T, version: v1.0 }
servers: [ { url: "https://graph.microsoft.com/v1.0/" } ]
paths:
  /things/{thing-id}:
    get:
      operationId: thing_get
      parameters:
        - { name: thing-id, in: path, required: true, schema: { type: string } }
      responses:
        2XX:
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/microsoft.graph.a' }
    post:
      operationId: thing_set
      parameters:
        - { name: thing-id, in: path, required: true, schema: { type: string } }
      requestBody:
        content:
          application/json:
            schema:
              type: object
              properties:
                a: { $ref: '#/components/schemas/microsoft.graph.a' }
                list: { $ref: '#/components/schemas/microsoft.graph.list' }
                either: { $ref: '#/components/schemas/microsoft.graph.either' }
      responses:
        2XX:
          description: ok
          content:
            application/json:
              schema: { $ref: '#/components/schemas/microsoft.graph.b' }
components:
  schemas:
    microsoft.graph.list:
      type: array
      items: { $ref: '#/components/schemas/microsoft.graph.list' }
    microsoft.graph.either:
      anyOf:
        - $ref: '#/components/schemas/microsoft.graph.either'
        - type: string
    microsoft.graph.a:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.b'
        - type: object
          properties:
            fromA: { type: string }
            shared: { type: integer, format: int32 }
            list: { $ref: '#/components/schemas/microsoft.graph.list' }
    microsoft.graph.b:
      allOf:
        - $ref: '#/components/schemas/microsoft.graph.a'
        - type: object
          properties:
            fromB: { type: string }
            shared: { type: boolean }
"##;
    let spec = LoadedSpec::parse(std::path::Path::new("t.yml"), spec).unwrap();
    let module = crate::pipeline::build_module(&spec, &ModuleConfig::default()).unwrap();
    let (models, notes) = read_models(&spec, &module.operations).unwrap();
    for expected in [
        "allOf chain comes back to `microsoft.graph.a`",
        "allOf chain comes back to `microsoft.graph.b`",
        "`microsoft.graph.list` contains itself with no object in between",
        "`microsoft.graph.either` contains itself with no object in between",
    ] {
        assert!(notes.iter().any(|n| n.contains(expected)), "{notes:?}");
    }
    crate::pipeline::render(&module).expect("the module renders");
    for (name, own_type) in [
        ("microsoft.graph.a", TypeRef::Int32),
        ("microsoft.graph.b", TypeRef::Bool),
    ] {
        let model = strukt(&models, name);
        let names: Vec<&str> = model.fields.iter().map(|f| f.wire_name.as_str()).collect();
        for expected in ["fromA", "fromB", "shared"] {
            let count = names.iter().filter(|n| **n == expected).count();
            assert_eq!(count, 1, "{name}: {names:?}");
        }
        let shared = model
            .fields
            .iter()
            .find(|f| f.wire_name == "shared")
            .unwrap();
        assert_eq!(shared.ty, own_type, "{name}: its own declaration wins");
    }
}

#[test]
fn operation_types_name_body_properties_and_the_answer() {
    let (module, _) = models();
    let types = &module.models.operations[0];
    let Some(BodyType::Inline(fields)) = &types.body else {
        panic!("inline body expected")
    };
    assert_eq!(
        fields[0].ty,
        TypeRef::Array(Box::new(TypeRef::Model(
            "microsoft.graph.attendeeBase".into()
        )))
    );
    assert_eq!(fields[1].ty, TypeRef::Int32);
    assert_eq!(
        types.response,
        Some(TypeRef::Model("microsoft.graph.result".into()))
    );
}
