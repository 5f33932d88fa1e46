/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * The settings kith-cli prints, as JSON: the typed model turned into the members scripts read,
 * in a fixed order. Only kith-cli speaks JSON about them; core hands it the objects.
 */

#define G_LOG_DOMAIN "KithCli"

#include "config.h"

#include "kith-cli-settings.h"

typedef JsonObject *(*ToJsonFunc) (gpointer item);

/* The items of @list, each as @to_json makes it */
static JsonArray *
list_to_json (GListModel *list,
              ToJsonFunc  to_json)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      json_array_add_object_element (array, to_json (item));
    }

  return array;
}

static void
set_string_or_null (JsonObject *object,
                    const char *member,
                    const char *value)
{
  if (value != NULL)
    json_object_set_string_member (object, member, value);
  else
    json_object_set_null_member (object, member);
}

/* {key, name, reminderDays, template, templateId}: null for no reminder or no template; a
 * template name with no stored template of that name has templateId null ("no template") */
static JsonObject *
step_to_json (KithStep *step)
{
  JsonObject *object = json_object_new ();
  int days = kith_step_get_reminder_days (step);

  json_object_set_string_member (object, "key", kith_step_get_key (step));
  json_object_set_string_member (object, "name", kith_step_get_name (step));
  if (days > 0)
    json_object_set_int_member (object, "reminderDays", days);
  else
    json_object_set_null_member (object, "reminderDays");
  set_string_or_null (object, "template", kith_step_get_template (step));
  if (kith_step_get_template_id (step) != 0)
    json_object_set_int_member (object, "templateId", kith_step_get_template_id (step));
  else
    json_object_set_null_member (object, "templateId");

  return object;
}

/* {key, name, steps} */
static JsonObject *
stage_to_json (KithStage *stage)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "key", kith_stage_get_key (stage));
  json_object_set_string_member (object, "name", kith_stage_get_name (stage));
  json_object_set_array_member (object, "steps",
                                list_to_json (kith_stage_get_steps (stage), (ToJsonFunc) step_to_json));

  return object;
}

/* {key, name, category, appliesTo, cadence (when there is one), enabled, stages} */
static JsonObject *
segment_to_json (KithSegment *segment)
{
  JsonObject *object = json_object_new ();

  json_object_set_string_member (object, "key", kith_segment_get_key (segment));
  json_object_set_string_member (object, "name", kith_segment_get_name (segment));
  json_object_set_string_member (object, "category", kith_segment_get_category (segment));
  json_object_set_string_member (object, "appliesTo", kith_segment_get_for_people (segment) ? "people" : "projects");
  if (kith_segment_get_cadence (segment) > 0)
    json_object_set_int_member (object, "cadence", kith_segment_get_cadence (segment));
  json_object_set_boolean_member (object, "enabled", kith_segment_get_enabled (segment));
  json_object_set_array_member (object, "stages",
                                list_to_json (kith_segment_get_stages (segment), (ToJsonFunc) stage_to_json));

  return object;
}

/**
 * kith_cli_segments_to_json:
 * @segments: #KithSegment<!-- -->s
 *
 * Returns: (transfer full): the segments with their stages and steps, as `kith-cli segments`
 *   prints them
 */
JsonArray *
kith_cli_segments_to_json (GListModel *segments)
{
  return list_to_json (segments, (ToJsonFunc) segment_to_json);
}

/* {segment, stage}: stage null for every stage of the segment */
static JsonArray *
scopes_to_json (KithFieldDefinition *field)
{
  JsonArray *array = json_array_new ();

  for (guint i = 0; i < kith_field_definition_get_n_scopes (field); i++)
    {
      JsonObject *scope = json_object_new ();
      const char *segment, *stage;

      kith_field_definition_get_scope (field, i, &segment, &stage);
      json_object_set_string_member (scope, "segment", segment);
      set_string_or_null (scope, "stage", stage);
      json_array_add_object_element (array, scope);
    }

  return array;
}

/* {fieldId, id, name, type, appliesTo, section?, options?, currency?, remindYearly, scopes} */
static JsonObject *
field_to_json (KithFieldDefinition *field)
{
  JsonObject *object = json_object_new ();
  const char * const *options = kith_field_definition_get_options (field);

  json_object_set_int_member (object, "fieldId", kith_field_definition_get_field_id (field));
  json_object_set_string_member (object, "id", kith_field_definition_get_key (field));
  json_object_set_string_member (object, "name", kith_field_definition_get_name (field));
  json_object_set_string_member (object, "type", kith_field_definition_get_field_type (field));
  json_object_set_string_member (object, "appliesTo",
                                 kith_record_kind_to_string (kith_field_definition_get_applies_to (field)));
  if (kith_field_definition_get_section (field) != NULL)
    json_object_set_string_member (object, "section", kith_field_definition_get_section (field));
  if (options != NULL)
    {
      JsonArray *choices = json_array_new ();

      for (guint i = 0; options[i] != NULL; i++)
        json_array_add_string_element (choices, options[i]);
      json_object_set_array_member (object, "options", choices);
    }
  if (kith_field_definition_get_currency (field) != NULL)
    json_object_set_string_member (object, "currency", kith_field_definition_get_currency (field));
  json_object_set_boolean_member (object, "remindYearly", kith_field_definition_get_remind_yearly (field));
  json_object_set_array_member (object, "scopes", scopes_to_json (field));

  return object;
}

/**
 * kith_cli_fields_to_json:
 * @fields: #KithFieldDefinition<!-- -->s
 * @array: where to add them, as `kith-cli fields` prints them
 */
void
kith_cli_fields_to_json (GListModel *fields,
                         JsonArray  *array)
{
  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    {
      g_autoptr(KithFieldDefinition) field = g_list_model_get_item (fields, i);

      json_array_add_object_element (array, field_to_json (field));
    }
}
