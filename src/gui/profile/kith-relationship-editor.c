/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithRelationshipEditor"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include <locale.h>

#include "kith-relationship.h"
#include "kith-relationship-editor.h"

/*
 * The Relationship part of a profile: segment, stage, the next-step checklist of that stage,
 * tags, and the custom fields that apply to the record's segment and stage, each edited with a
 * widget for its type. Every change is saved at once; a value the store refuses keeps what was
 * typed and shows the reason at the field.
 */

struct _KithRelationshipEditor
{
  AdwBin               parent_instance;

  GtkWidget           *box;
  AdwPreferencesGroup *group;
  AdwPreferencesGroup *fields_group;
  GPtrArray           *rows;          /* rows of both groups, removed on rebuild */
  GHashTable          *field_rows;    /* field key → row */
  GHashTable          *field_errors;  /* field key → message */

  KithStore           *store;
  gint64               record_id;
  GCancellable        *cancellable;
  JsonObject          *data;          /* {record, segments, fields, tags} */
  gboolean             building;
};

G_DEFINE_FINAL_TYPE (KithRelationshipEditor, kith_relationship_editor, ADW_TYPE_BIN)

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (KithRelationshipEditor *self);

static JsonObject *
record (KithRelationshipEditor *self)
{
  return self->data != NULL ? kith_json_get_object (self->data, "record") : NULL;
}

static void
toast (KithRelationshipEditor *self,
       const char             *text)
{
  kith_widget_add_toast (GTK_WIDGET (self), adw_toast_new (text));
}

/* Loading */

typedef struct {
  gint64 id;
} Load;

static gpointer
load_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  gint64 id = *(gint64 *) data;
  g_autoptr(JsonObject) loaded = json_object_new ();
  JsonObject *rec = kith_store_get_record (store, id, error);
  JsonArray *array;

  if (rec == NULL)
    return NULL;
  json_object_set_object_member (loaded, "record", rec);
  if ((array = kith_relationship_list_segments (store, error)) == NULL)
    return NULL;
  json_object_set_array_member (loaded, "segments", array);
  if ((array = kith_fields_list (store, kith_record_kind_from_string (json_object_get_string_member (rec, "kind")), error)) == NULL)
    return NULL;
  json_object_set_array_member (loaded, "fields", array);
  if ((array = kith_tags_list (store, error)) == NULL)
    return NULL;
  json_object_set_array_member (loaded, "tags", array);

  return g_steal_pointer (&loaded);
}

/* Saving */

typedef struct {
  gint64      id;
  JsonObject *patch;
  char       *field;   /* the custom field being changed, for errors */
} Save;

static void
save_free (Save *save)
{
  json_object_unref (save->patch);
  g_free (save->field);
  g_free (save);
}

static gpointer
save_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  Save *save = data;

  return GINT_TO_POINTER (kith_store_update_record (store, save->id, save->patch, error));
}

static void show_field_error (KithRelationshipEditor *self, const char *key, const char *message);

typedef struct {
  KithRelationshipEditor *self;
  char                   *field;
} Saving;

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Saving *saving = user_data;
  g_autoptr(KithRelationshipEditor) self = saving->self;
  g_autofree char *field = saving->field;
  g_autoptr(GError) error = NULL;

  g_free (saving);

  if (!kith_store_run_finish (KITH_STORE (source), result, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        return;
      /* A refused value stays as typed, with the reason at its field */
      if (field != NULL)
        show_field_error (self, field, error->message);
      else
        toast (self, error->message);
      return;
    }

  /* Saved either way; a widget already disposed shows nothing */
  if (g_cancellable_is_cancelled (self->cancellable))
    return;
  reload (self);
  g_signal_emit (self, signals[CHANGED], 0);
}

static void
save_patch (KithRelationshipEditor *self,
            JsonObject             *patch,
            const char             *field)
{
  Save *save = g_new0 (Save, 1);
  Saving *saving = g_new0 (Saving, 1);

  save->id = self->record_id;
  save->patch = patch;
  save->field = g_strdup (field);
  saving->self = g_object_ref (self);
  saving->field = g_strdup (field);

  if (field != NULL)
    g_hash_table_remove (self->field_errors, field);

  kith_store_run_async (self->store, save_job, save, (GDestroyNotify) save_free, NULL,
                        NULL, on_saved_cb, saving);
}

/* Segment and stage */

static JsonObject *
find_segment (KithRelationshipEditor *self,
              const char             *key)
{
  JsonArray *segments = kith_json_get_array (self->data, "segments");

  for (guint i = 0; key != NULL && i < json_array_get_length (segments); i++)
    {
      JsonObject *segment = json_array_get_object_element (segments, i);

      if (g_strcmp0 (json_object_get_string_member (segment, "key"), key) == 0)
        return segment;
    }

  return NULL;
}

static JsonObject *
find_stage (JsonObject *segment,
            const char *key)
{
  JsonArray *stages = segment != NULL ? kith_json_get_array (segment, "stages") : NULL;

  for (guint i = 0; stages != NULL && key != NULL && i < json_array_get_length (stages); i++)
    {
      JsonObject *stage = json_array_get_object_element (stages, i);

      if (g_strcmp0 (json_object_get_string_member (stage, "key"), key) == 0)
        return stage;
    }

  return NULL;
}

/* The segments a record of this kind can be in: enabled, and for projects only project ones */
static GPtrArray *
usable_segments (KithRelationshipEditor *self)
{
  JsonArray *segments = kith_json_get_array (self->data, "segments");
  gboolean project = g_strcmp0 (json_object_get_string_member (record (self), "kind"), "project") == 0;
  const char *current = json_object_get_string_member_with_default (record (self), "segment", NULL);
  GPtrArray *usable = g_ptr_array_new ();

  for (guint i = 0; i < json_array_get_length (segments); i++)
    {
      JsonObject *segment = json_array_get_object_element (segments, i);
      gboolean for_projects = g_strcmp0 (json_object_get_string_member (segment, "appliesTo"), "projects") == 0;

      if (for_projects != project)
        continue;
      if (!json_object_get_boolean_member_with_default (segment, "enabled", TRUE) &&
          g_strcmp0 (json_object_get_string_member (segment, "key"), current) != 0)
        continue;
      g_ptr_array_add (usable, segment);
    }

  return usable;
}

void
kith_relationship_editor_set_segment (KithRelationshipEditor *self,
                                      const char             *segment)
{
  JsonObject *patch;

  g_return_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self));

  patch = json_object_new ();
  if (segment != NULL)
    json_object_set_string_member (patch, "segment", segment);
  else
    json_object_set_null_member (patch, "segment");
  save_patch (self, patch, NULL);
}

/**
 * kith_relationship_editor_set_stage:
 *
 * Moves the record to @stage (a key); the step checklist starts over.
 */
void
kith_relationship_editor_set_stage (KithRelationshipEditor *self,
                                    const char             *stage)
{
  JsonObject *patch;

  g_return_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self));

  patch = json_object_new ();
  json_object_set_string_member (patch, "stage", stage);
  save_patch (self, patch, NULL);
}

static void
on_segment_selected_cb (AdwComboRow            *row,
                        GParamSpec             *pspec,
                        KithRelationshipEditor *self)
{
  g_autoptr(GPtrArray) usable = NULL;
  guint selected = adw_combo_row_get_selected (row);

  if (self->building)
    return;

  usable = usable_segments (self);
  if (selected == 0)
    kith_relationship_editor_set_segment (self, NULL);
  else if (selected - 1 < usable->len)
    kith_relationship_editor_set_segment (self, json_object_get_string_member (g_ptr_array_index (usable, selected - 1), "key"));
}

static void
on_stage_selected_cb (AdwComboRow            *row,
                      GParamSpec             *pspec,
                      KithRelationshipEditor *self)
{
  JsonObject *segment = find_segment (self, json_object_get_string_member_with_default (record (self), "segment", NULL));
  JsonArray *stages = segment != NULL ? kith_json_get_array (segment, "stages") : NULL;
  guint selected = adw_combo_row_get_selected (row);

  if (self->building || stages == NULL || selected >= json_array_get_length (stages))
    return;

  kith_relationship_editor_set_stage (self, json_object_get_string_member (json_array_get_object_element (stages, selected), "key"));
}

/* Steps */

static JsonArray *
current_steps (KithRelationshipEditor *self)
{
  JsonObject *segment = find_segment (self, json_object_get_string_member_with_default (record (self), "segment", NULL));
  JsonObject *stage = find_stage (segment, json_object_get_string_member_with_default (record (self), "stage", NULL));

  return stage != NULL ? kith_json_get_array (stage, "steps") : NULL;
}

static int
current_step_index (KithRelationshipEditor *self)
{
  JsonArray *steps = current_steps (self);
  const char *step = json_object_get_string_member_with_default (record (self), "step", NULL);

  for (guint i = 0; steps != NULL && step != NULL && i < json_array_get_length (steps); i++)
    if (g_strcmp0 (json_object_get_string_member (json_array_get_object_element (steps, i), "key"), step) == 0)
      return (int) i;

  return -1;
}

static void
go_to_step (KithRelationshipEditor *self,
            int                     index)
{
  JsonArray *steps = current_steps (self);
  JsonObject *patch = json_object_new ();

  if (steps != NULL && index >= 0 && (guint) index < json_array_get_length (steps))
    json_object_set_string_member (patch, "step",
                                   json_object_get_string_member (json_array_get_object_element (steps, index), "key"));
  else
    json_object_set_null_member (patch, "step");

  save_patch (self, patch, NULL);
}

/**
 * kith_relationship_editor_complete_step:
 *
 * Ticks the current next step: the record moves on to the following one (or to none after the
 * last), which the audit log records.
 */
void
kith_relationship_editor_complete_step (KithRelationshipEditor *self)
{
  JsonArray *steps;
  int current;

  g_return_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self));

  steps = current_steps (self);
  if (steps == NULL || json_array_get_length (steps) == 0)
    return;

  current = current_step_index (self);
  go_to_step (self, current + 1);
}

static void
on_step_toggled_cb (GtkCheckButton         *check,
                    KithRelationshipEditor *self)
{
  int index = GPOINTER_TO_INT (g_object_get_data (G_OBJECT (check), "index"));

  if (self->building)
    return;

  /* Ticking a step means it is done: the next one becomes current. Unticking goes back to it. */
  if (gtk_check_button_get_active (check))
    go_to_step (self, index + 1);
  else
    go_to_step (self, index);
}

/**
 * kith_relationship_editor_get_step_names:
 *
 * Returns: (transfer full) (element-type utf8): the checklist of the record's stage, in order
 */
GPtrArray *
kith_relationship_editor_get_step_names (KithRelationshipEditor *self)
{
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  JsonArray *steps;

  g_return_val_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self), names);

  steps = self->data != NULL ? current_steps (self) : NULL;
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    g_ptr_array_add (names, g_strdup (json_object_get_string_member (json_array_get_object_element (steps, i), "name")));

  return names;
}

/* Tags */

static JsonArray *
copy_keywords (KithRelationshipEditor *self)
{
  g_autoptr(JsonNode) copy = json_node_copy (json_object_get_member (record (self), "keywords"));

  return json_array_ref (json_node_get_array (copy));
}

void
kith_relationship_editor_add_tag (KithRelationshipEditor *self,
                                  const char             *tag)
{
  g_autofree char *clean = NULL;
  JsonArray *keywords;
  JsonObject *patch;

  g_return_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self));

  clean = g_strstrip (g_strdup (tag));
  if (*clean == '\0' || self->data == NULL)
    return;

  keywords = copy_keywords (self);
  json_array_add_string_element (keywords, clean);
  patch = json_object_new ();
  json_object_set_array_member (patch, "keywords", keywords);
  save_patch (self, patch, NULL);
}

static void
remove_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithRelationshipEditor *self = KITH_RELATIONSHIP_EDITOR (widget);
  const char *tag = g_variant_get_string (parameter, NULL);
  JsonArray *old = kith_json_get_array (record (self), "keywords");
  JsonArray *keywords = json_array_new ();
  JsonObject *patch = json_object_new ();

  for (guint i = 0; i < json_array_get_length (old); i++)
    if (g_strcmp0 (json_array_get_string_element (old, i), tag) != 0)
      json_array_add_string_element (keywords, json_array_get_string_element (old, i));

  json_object_set_array_member (patch, "keywords", keywords);
  save_patch (self, patch, NULL);
}

static void
on_tag_entry_activate_cb (GtkEntry               *entry,
                          KithRelationshipEditor *self)
{
  kith_relationship_editor_add_tag (self, gtk_editable_get_text (GTK_EDITABLE (entry)));
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
}

/* Custom fields */

static void
show_field_error (KithRelationshipEditor *self,
                  const char             *key,
                  const char             *message)
{
  GtkWidget *row = g_hash_table_lookup (self->field_rows, key);

  g_hash_table_insert (self->field_errors, g_strdup (key), g_strdup (message));

  if (row != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, message);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), message);
    }
}

const char *
kith_relationship_editor_get_field_error (KithRelationshipEditor *self,
                                          const char             *key)
{
  g_return_val_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self), NULL);

  return g_hash_table_lookup (self->field_errors, key);
}

/* The record's custom values, with @key set to @value (a string, a list or NULL to clear) */
static JsonArray *
custom_with (KithRelationshipEditor *self,
             const char             *key,
             JsonNode               *value)
{
  JsonArray *old = kith_json_get_array (record (self), "customFields");
  JsonArray *custom = json_array_new ();
  gboolean replaced = FALSE;

  for (guint i = 0; old != NULL && i < json_array_get_length (old); i++)
    {
      JsonObject *v = json_array_get_object_element (old, i);
      JsonObject *copy = json_object_new ();
      const char *id = json_object_get_string_member (v, "id");

      json_object_set_string_member (copy, "id", id);
      if (g_strcmp0 (id, key) == 0)
        {
          replaced = TRUE;
          json_object_set_member (copy, "value", value != NULL ? json_node_copy (value) : json_node_new (JSON_NODE_NULL));
        }
      else
        json_object_set_member (copy, "value", json_node_copy (json_object_get_member (v, "value")));
      json_array_add_object_element (custom, copy);
    }

  if (!replaced && value != NULL)
    {
      JsonObject *add = json_object_new ();

      json_object_set_string_member (add, "id", key);
      json_object_set_member (add, "value", json_node_copy (value));
      json_array_add_object_element (custom, add);
    }

  return custom;
}

static void
save_field (KithRelationshipEditor *self,
            const char             *key,
            JsonNode               *value)
{
  JsonObject *patch = json_object_new ();

  json_object_set_array_member (patch, "customFields", custom_with (self, key, value));
  save_patch (self, patch, key);
}

/**
 * kith_relationship_editor_set_field:
 * @value: (nullable): the value as typed; %NULL or "" clears it
 *
 * Sets a custom field. A value its type refuses shows the reason at the field.
 */
void
kith_relationship_editor_set_field (KithRelationshipEditor *self,
                                    const char             *key,
                                    const char             *value)
{
  g_autoptr(JsonNode) node = NULL;

  g_return_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self));

  if (value != NULL && *value != '\0')
    {
      node = json_node_new (JSON_NODE_VALUE);
      json_node_set_string (node, value);
    }

  save_field (self, key, node);
}

static const char *
field_value (KithRelationshipEditor *self,
             const char             *key)
{
  JsonArray *values = kith_json_get_array (record (self), "customFields");

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonObject *v = json_array_get_object_element (values, i);

      if (g_strcmp0 (json_object_get_string_member (v, "id"), key) == 0 &&
          JSON_NODE_HOLDS_VALUE (json_object_get_member (v, "value")))
        return json_object_get_string_member (v, "value");
    }

  return NULL;
}

static JsonArray *
field_values (KithRelationshipEditor *self,
              const char             *key)
{
  JsonArray *values = kith_json_get_array (record (self), "customFields");

  for (guint i = 0; values != NULL && i < json_array_get_length (values); i++)
    {
      JsonObject *v = json_array_get_object_element (values, i);

      if (g_strcmp0 (json_object_get_string_member (v, "id"), key) == 0 &&
          JSON_NODE_HOLDS_ARRAY (json_object_get_member (v, "value")))
        return kith_json_get_array (v, "value");
    }

  return NULL;
}

static gboolean
field_in_scope (KithRelationshipEditor *self,
                JsonObject             *field)
{
  JsonArray *scopes = kith_json_get_array (field, "scopes");
  const char *segment = json_object_get_string_member_with_default (record (self), "segment", NULL);
  const char *stage = json_object_get_string_member_with_default (record (self), "stage", NULL);

  if (scopes == NULL || json_array_get_length (scopes) == 0)
    return TRUE;

  for (guint i = 0; i < json_array_get_length (scopes); i++)
    {
      JsonObject *scope = json_array_get_object_element (scopes, i);
      JsonNode *scope_stage = json_object_get_member (scope, "stage");

      if (g_strcmp0 (json_object_get_string_member (scope, "segment"), segment) != 0)
        continue;
      if (scope_stage == NULL || JSON_NODE_HOLDS_NULL (scope_stage) ||
          g_strcmp0 (json_node_get_string (scope_stage), stage) == 0)
        return TRUE;
    }

  return FALSE;
}

static void
on_field_applied_cb (AdwEntryRow            *row,
                     KithRelationshipEditor *self)
{
  kith_relationship_editor_set_field (self, g_object_get_data (G_OBJECT (row), "field"),
                                      gtk_editable_get_text (GTK_EDITABLE (row)));
}

static void
on_pick_selected_cb (AdwComboRow            *row,
                     GParamSpec             *pspec,
                     KithRelationshipEditor *self)
{
  GtkStringObject *item = adw_combo_row_get_selected_item (row);
  const char *key = g_object_get_data (G_OBJECT (row), "field");

  if (self->building)
    return;

  kith_relationship_editor_set_field (self, key, adw_combo_row_get_selected (row) == 0 || item == NULL
                                                 ? NULL : gtk_string_object_get_string (item));
}

static void
on_multipick_toggled_cb (GtkCheckButton         *check,
                         KithRelationshipEditor *self)
{
  GtkWidget *expander = g_object_get_data (G_OBJECT (check), "expander");
  const char *key = g_object_get_data (G_OBJECT (expander), "field");
  GPtrArray *checks = g_object_get_data (G_OBJECT (expander), "checks");
  g_autoptr(JsonNode) node = json_node_new (JSON_NODE_ARRAY);
  JsonArray *picked = json_array_new ();

  if (self->building)
    return;

  for (guint i = 0; i < checks->len; i++)
    if (gtk_check_button_get_active (g_ptr_array_index (checks, i)))
      json_array_add_string_element (picked, g_object_get_data (G_OBJECT (g_ptr_array_index (checks, i)), "option"));
  json_node_take_array (node, picked);

  save_field (self, key, node);
}

static void
on_day_selected_cb (GtkCalendar            *calendar,
                    KithRelationshipEditor *self)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  kith_relationship_editor_set_field (self, g_object_get_data (G_OBJECT (calendar), "field"), text);
}

static void
on_clear_date_cb (GtkButton              *button,
                  KithRelationshipEditor *self)
{
  kith_relationship_editor_set_field (self, g_object_get_data (G_OBJECT (button), "field"), NULL);
}

static char *
format_money (const char *value,
              const char *currency)
{
  double amount = g_ascii_strtod (value, NULL);
  g_autofree char *number = g_strdup_printf ("%'.2f", amount);

  /* printf follows LC_NUMERIC, set from the user's locale at start: "1,250,000.50", "1.250.000,50" */
  return currency != NULL ? g_strdup_printf ("%s %s", currency, number) : g_strdup (number);
}

static GtkWidget *
make_field_row (KithRelationshipEditor *self,
                JsonObject             *field)
{
  const char *key = json_object_get_string_member (field, "id");
  const char *name = json_object_get_string_member (field, "name");
  const char *type = json_object_get_string_member (field, "type");
  const char *value = field_value (self, key);
  const char *error = g_hash_table_lookup (self->field_errors, key);
  GtkWidget *row;

  if (g_str_equal (type, "pick"))
    {
      JsonArray *options = kith_json_get_array (field, "options");
      GtkStringList *model = gtk_string_list_new (NULL);
      guint selected = 0;

      gtk_string_list_append (model, "—");
      for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
        {
          gtk_string_list_append (model, json_array_get_string_element (options, i));
          if (g_strcmp0 (value, json_array_get_string_element (options, i)) == 0)
            selected = i + 1;
        }
      row = adw_combo_row_new ();
      adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
      adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (on_pick_selected_cb), self, 0);
      g_object_unref (model);
    }
  else if (g_str_equal (type, "multipick"))
    {
      JsonArray *options = kith_json_get_array (field, "options");
      JsonArray *picked = field_values (self, key);
      GPtrArray *checks = g_ptr_array_new ();
      g_autoptr(GString) summary = g_string_new (NULL);

      row = adw_expander_row_new ();
      for (guint i = 0; options != NULL && i < json_array_get_length (options); i++)
        {
          const char *option = json_array_get_string_element (options, i);
          GtkWidget *check_row = adw_action_row_new ();
          GtkWidget *check = gtk_check_button_new ();
          gboolean on = FALSE;

          for (guint p = 0; picked != NULL && p < json_array_get_length (picked); p++)
            on |= g_strcmp0 (json_array_get_string_element (picked, p), option) == 0;
          if (on)
            g_string_append_printf (summary, "%s%s", summary->len ? ", " : "", option);

          gtk_check_button_set_active (GTK_CHECK_BUTTON (check), on);
          g_object_set_data_full (G_OBJECT (check), "option", g_strdup (option), g_free);
          g_object_set_data (G_OBJECT (check), "expander", row);
          g_signal_connect_object (check, "toggled", G_CALLBACK (on_multipick_toggled_cb), self, 0);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (check_row), option);
          adw_action_row_add_prefix (ADW_ACTION_ROW (check_row), check);
          adw_action_row_set_activatable_widget (ADW_ACTION_ROW (check_row), check);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (row), check_row);
          g_ptr_array_add (checks, check);
        }
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), summary->len ? summary->str : "—");
      g_object_set_data_full (G_OBJECT (row), "checks", checks, (GDestroyNotify) g_ptr_array_unref);
    }
  else if (g_str_equal (type, "date"))
    {
      GtkWidget *button = gtk_menu_button_new ();
      GtkWidget *popover = gtk_popover_new ();
      GtkWidget *calendar = gtk_calendar_new ();
      GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");
      GDate date;

      row = adw_action_row_new ();
      if (value != NULL && kith_parse_date (value, FALSE, &date))
        {
          g_autoptr(GDateTime) dt = g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date),
                                                           g_date_get_day (&date), 12, 0, 0);
          g_autofree char *label = g_date_time_format (dt, "%x");

          gtk_menu_button_set_label (GTK_MENU_BUTTON (button), label);
          gtk_calendar_select_day (GTK_CALENDAR (calendar), dt);
        }
      else
        gtk_menu_button_set_label (GTK_MENU_BUTTON (button), _("Set Date"));
      g_object_set_data_full (G_OBJECT (calendar), "field", g_strdup (key), g_free);
      g_signal_connect_object (calendar, "day-selected", G_CALLBACK (on_day_selected_cb), self, 0);
      gtk_popover_set_child (GTK_POPOVER (popover), calendar);
      gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

      gtk_widget_set_tooltip_text (clear, _("Clear"));
      gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (clear, "flat");
      gtk_widget_set_sensitive (clear, value != NULL);
      g_object_set_data_full (G_OBJECT (clear), "field", g_strdup (key), g_free);
      g_signal_connect_object (clear, "clicked", G_CALLBACK (on_clear_date_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
    }
  else
    {
      /* text and numbers: typed, applied with Enter or the apply button */
      row = adw_entry_row_new ();
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      if (value != NULL)
        {
          g_autofree char *shown = g_str_equal (type, "currency")
                                   ? format_money (value, json_object_get_string_member_with_default (field, "currency", NULL))
                                   : g_strdup (value);
          gtk_editable_set_text (GTK_EDITABLE (row), shown);
        }
      if (g_str_equal (type, "integer") || g_str_equal (type, "decimal") || g_str_equal (type, "currency"))
        gtk_editable_set_alignment (GTK_EDITABLE (row), 1.0);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_field_applied_cb), self, 0);
      g_signal_connect_object (row, "entry-activated", G_CALLBACK (on_field_applied_cb), self, 0);
    }

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), error != NULL ? error : name);
  if (error != NULL)
    {
      gtk_widget_add_css_class (row, "error");
      gtk_widget_set_tooltip_text (row, error);
    }
  g_object_set_data_full (G_OBJECT (row), "field", g_strdup (key), g_free);
  g_hash_table_insert (self->field_rows, g_strdup (key), row);

  return row;
}

/* Building */

static void
add_to (KithRelationshipEditor *self,
        AdwPreferencesGroup    *group,
        GtkWidget              *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
}

static void
clear (KithRelationshipEditor *self)
{
  for (guint i = 0; i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->rows, 0);
  g_hash_table_remove_all (self->field_rows);
}

static void
build (KithRelationshipEditor *self)
{
  JsonObject *rec = record (self);
  const char *segment_key = json_object_get_string_member_with_default (rec, "segment", NULL);
  const char *stage_key = json_object_get_string_member_with_default (rec, "stage", NULL);
  JsonObject *segment = find_segment (self, segment_key);
  g_autoptr(GPtrArray) usable = usable_segments (self);
  g_autoptr(GtkStringList) segment_names = gtk_string_list_new (NULL);
  GtkWidget *segment_row = adw_combo_row_new ();
  JsonArray *steps;
  JsonArray *fields;
  guint selected = 0;
  int current;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  g_autofree char *focus_field = NULL;
  int focus_index = -1;
  int position = -1;

  /* Where the keyboard is, to put it back in the same place once the rows are new */
  for (guint i = 0; focus != NULL && i < self->rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->rows, i);
      GHashTableIter iter;
      gpointer key, value;

      if (focus != row && !gtk_widget_is_ancestor (focus, row))
        continue;
      focus_index = i;
      if (GTK_IS_EDITABLE (focus))
        position = gtk_editable_get_position (GTK_EDITABLE (focus));
      g_hash_table_iter_init (&iter, self->field_rows);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (value == row)
          focus_field = g_strdup (key);
    }

  self->building = TRUE;
  clear (self);

  gtk_string_list_append (segment_names, _("None"));
  for (guint i = 0; i < usable->len; i++)
    {
      JsonObject *s = g_ptr_array_index (usable, i);

      gtk_string_list_append (segment_names, json_object_get_string_member (s, "name"));
      if (g_strcmp0 (json_object_get_string_member (s, "key"), segment_key) == 0)
        selected = i + 1;
    }
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (segment_row), _("Segment"));
  adw_combo_row_set_model (ADW_COMBO_ROW (segment_row), G_LIST_MODEL (segment_names));
  adw_combo_row_set_selected (ADW_COMBO_ROW (segment_row), selected);
  g_signal_connect_object (segment_row, "notify::selected", G_CALLBACK (on_segment_selected_cb), self, 0);
  add_to (self, self->group, segment_row);

  if (segment != NULL)
    {
      JsonArray *stages = kith_json_get_array (segment, "stages");
      g_autoptr(GtkStringList) stage_names = gtk_string_list_new (NULL);
      GtkWidget *stage_row = adw_combo_row_new ();
      guint stage_selected = 0;

      for (guint i = 0; i < json_array_get_length (stages); i++)
        {
          JsonObject *st = json_array_get_object_element (stages, i);

          gtk_string_list_append (stage_names, json_object_get_string_member (st, "name"));
          if (g_strcmp0 (json_object_get_string_member (st, "key"), stage_key) == 0)
            stage_selected = i;
        }
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (stage_row), _("Stage"));
      adw_combo_row_set_model (ADW_COMBO_ROW (stage_row), G_LIST_MODEL (stage_names));
      adw_combo_row_set_selected (ADW_COMBO_ROW (stage_row), stage_selected);
      g_signal_connect_object (stage_row, "notify::selected", G_CALLBACK (on_stage_selected_cb), self, 0);
      add_to (self, self->group, stage_row);
    }

  steps = current_steps (self);
  current = current_step_index (self);
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonObject *step = json_array_get_object_element (steps, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();
      gint64 days = json_object_get_int_member_with_default (step, "reminderDays", -1);

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (step, "name"));
      /* Done steps are ticked; the current one is what comes next */
      gtk_check_button_set_active (GTK_CHECK_BUTTON (check), current >= 0 && (int) i < current);
      if ((int) i == current)
        {
          g_autofree char *subtitle = days >= 0
                                      ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Next step · reminder after %d day",
                                                                      "Next step · reminder after %d days", (gulong) days), (int) days)
                                      : g_strdup (_("Next step"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          gtk_widget_add_css_class (row, "accent");
        }
      g_object_set_data (G_OBJECT (check), "index", GINT_TO_POINTER (i));
      g_signal_connect_object (check, "toggled", G_CALLBACK (on_step_toggled_cb), self, 0);
      adw_action_row_add_prefix (ADW_ACTION_ROW (row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), check);
      add_to (self, self->group, row);
    }

  /* Tags */
  {
    GtkWidget *row = adw_action_row_new ();
    GtkWidget *flow = gtk_flow_box_new ();
    GtkWidget *entry = gtk_entry_new ();
    JsonArray *keywords = kith_json_get_array (rec, "keywords");
    JsonArray *all = kith_json_get_array (self->data, "tags");
    g_autoptr(GtkStringList) known = gtk_string_list_new (NULL);

    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Tags"));
    gtk_flow_box_set_selection_mode (GTK_FLOW_BOX (flow), GTK_SELECTION_NONE);
    gtk_flow_box_set_max_children_per_line (GTK_FLOW_BOX (flow), 6);
    gtk_widget_set_valign (flow, GTK_ALIGN_CENTER);
    for (guint i = 0; keywords != NULL && i < json_array_get_length (keywords); i++)
      {
        const char *tag = json_array_get_string_element (keywords, i);
        GtkWidget *chip = gtk_button_new ();
        GtkWidget *content = adw_button_content_new ();
        g_autofree char *tooltip = g_strdup_printf (_("Remove tag “%s”"), tag);

        adw_button_content_set_label (ADW_BUTTON_CONTENT (content), tag);
        adw_button_content_set_icon_name (ADW_BUTTON_CONTENT (content), "window-close-symbolic");
        gtk_button_set_child (GTK_BUTTON (chip), content);
        gtk_widget_add_css_class (chip, "pill");
        gtk_widget_set_tooltip_text (chip, tooltip);
        gtk_actionable_set_action_name (GTK_ACTIONABLE (chip), "relationship.remove-tag");
        gtk_actionable_set_action_target_value (GTK_ACTIONABLE (chip), g_variant_new_string (tag));
        gtk_flow_box_append (GTK_FLOW_BOX (flow), chip);
      }
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), flow);

    /* Completion from the tags in use */
    for (guint i = 0; all != NULL && i < json_array_get_length (all); i++)
      gtk_string_list_append (known, json_object_get_string_member (json_array_get_object_element (all, i), "name"));
    {
      G_GNUC_BEGIN_IGNORE_DEPRECATIONS
      GtkEntryCompletion *completion = gtk_entry_completion_new ();
      GtkListStore *store = gtk_list_store_new (1, G_TYPE_STRING);

      for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (known)); i++)
        gtk_list_store_insert_with_values (store, NULL, -1, 0, gtk_string_list_get_string (known, i), -1);
      gtk_entry_completion_set_model (completion, GTK_TREE_MODEL (store));
      gtk_entry_completion_set_text_column (completion, 0);
      gtk_entry_completion_set_inline_completion (completion, TRUE);
      gtk_entry_set_completion (GTK_ENTRY (entry), completion);
      g_object_unref (completion);
      g_object_unref (store);
      G_GNUC_END_IGNORE_DEPRECATIONS
    }
    gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Add tag…"));
    gtk_widget_set_valign (entry, GTK_ALIGN_CENTER);
    gtk_editable_set_width_chars (GTK_EDITABLE (entry), 10);
    g_signal_connect_object (entry, "activate", G_CALLBACK (on_tag_entry_activate_cb), self, 0);
    adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
    add_to (self, self->group, row);
  }

  /* Custom fields in scope, by section */
  fields = kith_json_get_array (self->data, "fields");
  gtk_widget_set_visible (GTK_WIDGET (self->fields_group), FALSE);
  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      JsonObject *field = json_array_get_object_element (fields, i);

      if (!field_in_scope (self, field))
        continue;
      add_to (self, self->fields_group, make_field_row (self, field));
      gtk_widget_set_visible (GTK_WIDGET (self->fields_group), TRUE);
    }

  if (focus_field != NULL && g_hash_table_contains (self->field_rows, focus_field))
    kith_widget_focus_without_selecting (g_hash_table_lookup (self->field_rows, focus_field), position);
  else if (focus_index >= 0 && self->rows->len > 0)
    kith_widget_focus_without_selecting (g_ptr_array_index (self->rows, MIN ((guint) focus_index, self->rows->len - 1)),
                                         position);

  self->building = FALSE;
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithRelationshipEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  JsonObject *data = kith_store_run_finish (KITH_STORE (source), result, &error);

  if (data == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, error->message);
      return;
    }

  g_clear_pointer (&self->data, json_object_unref);
  self->data = data;
  build (self);
}

static void
reload (KithRelationshipEditor *self)
{
  if (self->store == NULL || self->record_id == 0)
    return;

  kith_store_run_async (self->store, load_job, g_memdup2 (&self->record_id, sizeof (gint64)), g_free,
                        (GDestroyNotify) json_object_unref, self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
kith_relationship_editor_dispose (GObject *object)
{
  KithRelationshipEditor *self = (KithRelationshipEditor *)object;

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kith_relationship_editor_parent_class)->dispose (object);
}

static void
kith_relationship_editor_finalize (GObject *object)
{
  KithRelationshipEditor *self = (KithRelationshipEditor *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->data, json_object_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  g_clear_pointer (&self->field_rows, g_hash_table_unref);
  g_clear_pointer (&self->field_errors, g_hash_table_unref);

  G_OBJECT_CLASS (kith_relationship_editor_parent_class)->finalize (object);
}

static void
kith_relationship_editor_class_init (KithRelationshipEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_relationship_editor_dispose;
  object_class->finalize = kith_relationship_editor_finalize;

  /**
   * KithRelationshipEditor::changed:
   *
   * The record was saved with a change.
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                   0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_install_action (widget_class, "relationship.remove-tag", "s", remove_tag_action);
}

static void
kith_relationship_editor_init (KithRelationshipEditor *self)
{
  self->cancellable = g_cancellable_new ();
  self->rows = g_ptr_array_new ();
  self->field_rows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->field_errors = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 24);
  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Relationship"));
  self->fields_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->fields_group, _("Details"));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->group));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (self->fields_group));
  adw_bin_set_child (ADW_BIN (self), self->box);
}

GtkWidget *
kith_relationship_editor_new (void)
{
  return g_object_new (KITH_TYPE_RELATIONSHIP_EDITOR, NULL);
}

void
kith_relationship_editor_set_record (KithRelationshipEditor *self,
                                     KithStore              *store,
                                     gint64                  record_id)
{
  g_return_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self));

  g_set_object (&self->store, store);
  self->record_id = record_id;
  g_hash_table_remove_all (self->field_errors);
  reload (self);
}

/**
 * kith_relationship_editor_get_record:
 *
 * Returns: (transfer none) (nullable): the record as last loaded
 */
JsonObject *
kith_relationship_editor_get_record (KithRelationshipEditor *self)
{
  g_return_val_if_fail (KITH_IS_RELATIONSHIP_EDITOR (self), NULL);

  return record (self);
}
