/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithPreferences"

#include "config.h"

#include <glib/gi18n.h>

#include <libportal-gtk4/portal-gtk4.h>

#include "kith-mail-page.h"
#include "kith-preferences-window.h"
#include "kith-relationship.h"

/*
 * Settings: preset, segments with their cadence, stages and next steps, custom fields, tags and
 * what happens to dropped files. Every change is written at once (off the main thread) and the
 * window reloads from the store, so what it shows is what is saved.
 */

struct _KithPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwComboRow          *preset_row;
  AdwPreferencesGroup  *segments_group;
  AdwPreferencesGroup  *person_fields_group;
  AdwPreferencesGroup  *company_fields_group;
  AdwPreferencesGroup  *project_fields_group;
  AdwPreferencesGroup  *tags_group;
  GtkSwitch            *copy_files_switch;
  GtkSwitch            *background_switch;
  GtkSwitch            *autostart_switch;
  GSettings            *settings;
  XdpPortal            *portal;

  KithStore            *store;
  GCancellable         *cancellable;
  JsonObject           *data;          /* what was loaded */
  GPtrArray            *dynamic_rows;  /* rows added to groups, removed on reload */
  gboolean              loading;

  /* The stage whose steps are being edited in the subpage */
  char                 *steps_segment;
  char                 *steps_stage;
  JsonArray            *steps;
  AdwPreferencesGroup  *steps_group;
  GPtrArray            *step_rows;
  guint                 save_steps_id;
  KithMailPage          *mail_page;
};

G_DEFINE_FINAL_TYPE (KithPreferencesWindow, kith_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

static const char *presets[] = { "business", "realestate" };

static void toast (KithPreferencesWindow *self, const char *message);

/* Writes */

typedef gboolean (*WriteFunc) (KithStore *store, JsonObject *args, GError **error);

typedef struct {
  WriteFunc   func;
  JsonObject *args;
} Write;

static void
write_free (Write *write)
{
  json_object_unref (write->args);
  g_free (write);
}

static gpointer
write_job (KithStore  *store,
           gpointer    data,
           GError    **error)
{
  Write *write = data;

  return GINT_TO_POINTER (write->func (store, write->args, error));
}

static void
on_written_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_store_run_finish (KITH_STORE (source), result, &error))
    {
      if (g_cancellable_is_cancelled (self->cancellable))
        {
          /* The window is gone, so there is nowhere to show why */
          g_warning ("%s", error->message);
          return;
        }
      toast (self, error->message);
    }

  if (!g_cancellable_is_cancelled (self->cancellable))
    kith_preferences_window_reload (self);
}

static void
run_write (KithPreferencesWindow *self,
           WriteFunc              func,
           JsonObject            *args)
{
  Write *write = g_new0 (Write, 1);

  write->func = func;
  write->args = args;
  /* Never cancelled: what the user changed is saved even when the window closes right away */
  kith_store_run_async (self->store, write_job, write, (GDestroyNotify) write_free, NULL,
                        NULL, on_written_cb, g_object_ref (self));
}

static gboolean
apply_preset_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_relationship_apply_preset (store, json_object_get_string_member (args, "preset"), error);
}

static gboolean
set_cadence_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_relationship_set_cadence (store, json_object_get_string_member (args, "segment"),
                                        (int) json_object_get_int_member (args, "days"), error);
}

static gboolean
rename_stage_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_relationship_rename_stage (store, json_object_get_string_member (args, "segment"),
                                         json_object_get_string_member (args, "stage"),
                                         json_object_get_string_member (args, "name"), error);
}

static gboolean
set_steps_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_relationship_set_steps (store, json_object_get_string_member (args, "segment"),
                                      json_object_get_string_member (args, "stage"),
                                      kith_json_get_array (args, "steps"), error);
}

static gboolean
update_segment_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_relationship_update_segment (store, json_object_get_string_member (args, "segment"),
                                           json_object_get_string_member_with_default (args, "name", NULL),
                                           json_object_get_boolean_member (args, "enabled"), error);
}

static gboolean
add_field_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_fields_add (store, args, error) != 0;
}

static gboolean
remove_field_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_fields_remove (store, json_object_get_string_member (args, "key"), error);
}

static gboolean
rename_tag_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_tags_rename (store, json_object_get_string_member (args, "from"),
                           json_object_get_string_member (args, "to"), error);
}

static gboolean
delete_tag_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_tags_delete (store, json_object_get_string_member (args, "name"), error);
}

static gboolean
set_setting_write (KithStore *store, JsonObject *args, GError **error)
{
  return kith_store_set_setting (store, json_object_get_string_member (args, "key"),
                                 json_object_get_string_member (args, "value"), error);
}

static void
toast (KithPreferencesWindow *self,
       const char            *message)
{
  adw_preferences_window_add_toast (ADW_PREFERENCES_WINDOW (self), adw_toast_new (message));
}

/* Loading */

static gpointer
load_job (KithStore  *store,
          gpointer    data,
          GError    **error)
{
  JsonObject *loaded = json_object_new ();
  g_autofree char *preset = kith_relationship_dup_preset (store);
  g_autofree char *files = kith_store_dup_setting (store, "files-mode");
  JsonArray *array;

  json_object_set_string_member (loaded, "preset", preset ? preset : "business");
  json_object_set_string_member (loaded, "filesMode", files ? files : "copy");

  if ((array = kith_relationship_list_segments (store, error)) == NULL)
    goto fail;
  json_object_set_array_member (loaded, "segments", array);
  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    {
      if ((array = kith_fields_list (store, kind, error)) == NULL)
        goto fail;
      json_object_set_array_member (loaded, kith_record_kind_to_string (kind), array);
    }
  if ((array = kith_tags_list (store, error)) == NULL)
    goto fail;
  json_object_set_array_member (loaded, "tags", array);

  return loaded;

fail:
  json_object_unref (loaded);
  return NULL;
}

static void
add_row (KithPreferencesWindow *self,
         AdwPreferencesGroup   *group,
         GtkWidget             *row)
{
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->dynamic_rows, g_object_ref (row));
}

static void
clear_rows (KithPreferencesWindow *self)
{
  for (guint i = 0; i < self->dynamic_rows->len; i++)
    {
      GtkWidget *row = g_ptr_array_index (self->dynamic_rows, i);
      GtkWidget *group = gtk_widget_get_ancestor (row, ADW_TYPE_PREFERENCES_GROUP);

      if (group != NULL)
        adw_preferences_group_remove (ADW_PREFERENCES_GROUP (group), row);
    }
  g_ptr_array_set_size (self->dynamic_rows, 0);
}

static void
on_cadence_changed_cb (GtkSpinButton         *spin,
                       KithPreferencesWindow *self)
{
  JsonObject *args;

  if (self->loading)
    return;

  args = json_object_new ();
  json_object_set_string_member (args, "segment", g_object_get_data (G_OBJECT (spin), "segment"));
  json_object_set_int_member (args, "days", gtk_spin_button_get_value_as_int (spin));
  run_write (self, set_cadence_write, args);
}

/* Steps subpage */

static void save_steps (KithPreferencesWindow *self);
static void build_steps (KithPreferencesWindow *self);

static gboolean
on_save_steps_timeout_cb (gpointer data)
{
  KithPreferencesWindow *self = data;

  self->save_steps_id = 0;
  save_steps (self);

  return G_SOURCE_REMOVE;
}

static void
queue_save_steps (KithPreferencesWindow *self)
{
  g_clear_handle_id (&self->save_steps_id, g_source_remove);
  self->save_steps_id = g_timeout_add (400, on_save_steps_timeout_cb, self);
}

static void
save_steps (KithPreferencesWindow *self)
{
  JsonObject *args = json_object_new ();

  json_object_set_string_member (args, "segment", self->steps_segment);
  json_object_set_string_member (args, "stage", self->steps_stage);
  json_object_set_array_member (args, "steps", json_array_ref (self->steps));
  run_write (self, set_steps_write, args);
}

static JsonObject *
step_of (KithPreferencesWindow *self,
         GObject               *widget)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (widget, "step"));

  if (self->steps == NULL || index >= json_array_get_length (self->steps))
    return NULL;

  return json_array_get_object_element (self->steps, index);
}

static void
on_step_name_changed_cb (GtkEditable           *editable,
                         KithPreferencesWindow *self)
{
  JsonObject *step = step_of (self, G_OBJECT (editable));
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (step == NULL || *name == '\0')
    return;

  json_object_set_string_member (step, "name", name);
  queue_save_steps (self);
}

static void
on_step_template_changed_cb (GtkEditable           *editable,
                             KithPreferencesWindow *self)
{
  JsonObject *step = step_of (self, G_OBJECT (editable));
  g_autofree char *template = g_strstrip (g_strdup (gtk_editable_get_text (editable)));

  if (step == NULL)
    return;

  if (*template == '\0')
    json_object_remove_member (step, "template");
  else
    json_object_set_string_member (step, "template", template);
  queue_save_steps (self);
}

static void
on_step_days_changed_cb (GtkSpinButton         *spin,
                         KithPreferencesWindow *self)
{
  JsonObject *step = step_of (self, G_OBJECT (spin));
  int days = gtk_spin_button_get_value_as_int (spin);

  if (step == NULL)
    return;

  /* 0 in the spin button means "no reminder" */
  if (days <= 0)
    json_object_remove_member (step, "reminderDays");
  else
    json_object_set_int_member (step, "reminderDays", days);
  queue_save_steps (self);
}

static void
move_step (KithPreferencesWindow *self,
           guint                  index,
           int                    delta)
{
  g_autoptr(JsonArray) moved = json_array_new ();
  guint n = json_array_get_length (self->steps);
  guint target = index + delta;

  if (index >= n || (delta < 0 && index == 0) || target >= n)
    return;

  for (guint i = 0; i < n; i++)
    {
      guint from = i == index ? target : i == target ? index : i;
      json_array_add_element (moved, json_node_copy (json_array_get_element (self->steps, from)));
    }

  json_array_unref (self->steps);
  self->steps = g_steal_pointer (&moved);
  build_steps (self);
  save_steps (self);
}

static void
step_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (widget);
  guint index;
  const char *what;

  g_variant_get (parameter, "(u&s)", &index, &what);

  if (g_str_equal (what, "up"))
    move_step (self, index, -1);
  else if (g_str_equal (what, "down"))
    move_step (self, index, 1);
  else if (g_str_equal (what, "remove") && index < json_array_get_length (self->steps))
    {
      json_array_remove_element (self->steps, index);
      build_steps (self);
      save_steps (self);
    }
}

static void
add_step_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (widget);
  JsonObject *step = json_object_new ();

  json_object_set_string_member (step, "name", _("New step"));
  json_array_add_object_element (self->steps, step);
  build_steps (self);
  save_steps (self);
}

static GtkWidget *
icon_button (const char *icon,
             const char *tooltip,
             guint       index,
             const char *what)
{
  GtkWidget *button = gtk_button_new_from_icon_name (icon);

  gtk_widget_set_tooltip_text (button, tooltip);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (button, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "prefs.step");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (button), g_variant_new ("(us)", index, what));

  return button;
}

static void
build_steps (KithPreferencesWindow *self)
{
  for (guint i = 0; i < self->step_rows->len; i++)
    adw_preferences_group_remove (self->steps_group, g_ptr_array_index (self->step_rows, i));
  g_ptr_array_set_size (self->step_rows, 0);

  for (guint i = 1; i <= json_array_get_length (self->steps); i++)
    {
      JsonObject *step = json_array_get_object_element (self->steps, i - 1);
      GtkWidget *expander = adw_expander_row_new ();
      GtkWidget *name = adw_entry_row_new ();
      GtkWidget *days_row = adw_action_row_new ();
      GtkWidget *days = gtk_spin_button_new_with_range (0, 365, 1);
      GtkWidget *template = adw_entry_row_new ();
      gint64 reminder = json_object_get_int_member_with_default (step, "reminderDays", 0);
      g_autofree char *subtitle = reminder > 0
                                  ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Reminder after %d day",
                                                                  "Reminder after %d days", (gulong) reminder),
                                                     (int) reminder)
                                  : g_strdup (_("No reminder"));

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander),
                                     json_object_get_string_member_with_default (step, "name", ""));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), subtitle);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), icon_button ("go-up-symbolic", _("Move Up"), i - 1, "up"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), icon_button ("go-down-symbolic", _("Move Down"), i - 1, "down"));
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), icon_button ("user-trash-symbolic", _("Remove"), i - 1, "remove"));

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name), _("Name"));
      gtk_editable_set_text (GTK_EDITABLE (name), json_object_get_string_member_with_default (step, "name", ""));
      g_object_set_data (G_OBJECT (name), "step", GUINT_TO_POINTER (i - 1));
      g_signal_connect_object (name, "changed", G_CALLBACK (on_step_name_changed_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (days_row), _("Reminder After (Days)"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (days_row), _("0 for no reminder"));
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (days), (double) reminder);
      gtk_widget_set_valign (days, GTK_ALIGN_CENTER);
      g_object_set_data (G_OBJECT (days), "step", GUINT_TO_POINTER (i - 1));
      g_signal_connect_object (days, "value-changed", G_CALLBACK (on_step_days_changed_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (days_row), days);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), days_row);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (template), _("Email Template"));
      gtk_editable_set_text (GTK_EDITABLE (template), json_object_get_string_member_with_default (step, "template", ""));
      g_object_set_data (G_OBJECT (template), "step", GUINT_TO_POINTER (i - 1));
      g_signal_connect_object (template, "changed", G_CALLBACK (on_step_template_changed_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), template);

      adw_preferences_group_add (self->steps_group, expander);
      g_ptr_array_add (self->step_rows, expander);
    }
}

static void
on_stage_name_applied_cb (AdwEntryRow           *row,
                          KithPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  JsonObject *args;

  if (*name == '\0')
    {
      toast (self, _("A stage needs a name"));
      return;
    }

  args = json_object_new ();
  json_object_set_string_member (args, "segment", self->steps_segment);
  json_object_set_string_member (args, "stage", self->steps_stage);
  json_object_set_string_member (args, "name", name);
  run_write (self, rename_stage_write, args);
}

static void
open_stage (KithPreferencesWindow *self,
            const char            *segment,
            JsonObject            *stage)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *header = adw_header_bar_new ();
  GtkWidget *back = gtk_button_new_from_icon_name ("go-previous-symbolic");
  GtkWidget *page = adw_preferences_page_new ();
  GtkWidget *name_group = adw_preferences_group_new ();
  GtkWidget *name_row = adw_entry_row_new ();
  GtkWidget *add = gtk_button_new_from_icon_name ("list-add-symbolic");
  GtkWidget *title = adw_window_title_new (json_object_get_string_member (stage, "name"), NULL);

  g_free (self->steps_segment);
  g_free (self->steps_stage);
  g_clear_pointer (&self->steps, json_array_unref);
  g_ptr_array_set_size (self->step_rows, 0);
  self->steps_segment = g_strdup (segment);
  self->steps_stage = g_strdup (json_object_get_string_member (stage, "key"));
  {
    g_autoptr(JsonNode) copy = json_node_copy (json_object_get_member (stage, "steps"));
    self->steps = json_array_ref (json_node_get_array (copy));
  }

  g_signal_connect_object (back, "clicked", G_CALLBACK (adw_preferences_window_close_subpage), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_set_tooltip_text (back, _("Back"));
  adw_header_bar_pack_start (ADW_HEADER_BAR (header), back);
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), title);
  gtk_box_append (GTK_BOX (box), header);

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Stage Name"));
  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (name_row), json_object_get_string_member (stage, "name"));
  g_signal_connect_object (name_row, "apply", G_CALLBACK (on_stage_name_applied_cb), self, 0);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (name_group), name_row);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), ADW_PREFERENCES_GROUP (name_group));

  self->steps_group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->steps_group, _("Next Steps"));
  adw_preferences_group_set_description (self->steps_group,
                                         _("A checklist for this stage, in order. A step’s reminder comes "
                                           "due on the Agenda that many days after a record reaches it."));
  gtk_widget_set_tooltip_text (add, _("Add a Step"));
  gtk_widget_add_css_class (add, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (add), "prefs.add-step");
  adw_preferences_group_set_header_suffix (self->steps_group, add);
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->steps_group);
  build_steps (self);

  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (box), page);
  adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (self), box);
}

static void
on_stage_activated_cb (AdwActionRow          *row,
                       KithPreferencesWindow *self)
{
  open_stage (self, g_object_get_data (G_OBJECT (row), "segment"), g_object_get_data (G_OBJECT (row), "stage"));
}

static void
update_segment (KithPreferencesWindow *self,
                GtkWidget             *widget,
                const char            *name,
                gboolean               enabled)
{
  JsonObject *args = json_object_new ();

  json_object_set_string_member (args, "segment", g_object_get_data (G_OBJECT (widget), "segment"));
  if (name != NULL)
    json_object_set_string_member (args, "name", name);
  json_object_set_boolean_member (args, "enabled", enabled);
  run_write (self, update_segment_write, args);
}

static void
on_segment_name_applied_cb (AdwEntryRow           *row,
                            KithPreferencesWindow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  GtkSwitch *sw = g_object_get_data (G_OBJECT (row), "switch");

  update_segment (self, GTK_WIDGET (row), name, gtk_switch_get_active (sw));
}

static void
on_segment_enabled_cb (GtkSwitch             *sw,
                       GParamSpec            *pspec,
                       KithPreferencesWindow *self)
{
  if (!self->loading)
    update_segment (self, GTK_WIDGET (sw), NULL, gtk_switch_get_active (sw));
}

static void
build_segments (KithPreferencesWindow *self)
{
  JsonArray *segments = kith_json_get_array (self->data, "segments");

  for (guint i = 0; i < json_array_get_length (segments); i++)
    {
      JsonObject *segment = json_array_get_object_element (segments, i);
      JsonArray *stages = kith_json_get_array (segment, "stages");
      const char *key = json_object_get_string_member (segment, "key");
      GtkWidget *expander;

      gboolean enabled = json_object_get_boolean_member_with_default (segment, "enabled", TRUE);
      GtkWidget *name_row;
      GtkWidget *enabled_switch;

      if (g_str_equal (key, "none"))
        continue;

      expander = adw_expander_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (expander), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (expander), json_object_get_string_member (segment, "name"));
      if (g_str_equal (json_object_get_string_member (segment, "category"), "personal"))
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Personal"));
      else if (g_str_equal (json_object_get_string_member (segment, "category"), "project"))
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Deals and properties"));
      else
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Business"));
      if (!enabled)
        adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (expander), _("Off"));

      /* Renaming and turning on a segment (the custom ones start off) */
      enabled_switch = gtk_switch_new ();
      gtk_switch_set_active (GTK_SWITCH (enabled_switch), enabled);
      gtk_widget_set_valign (enabled_switch, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (enabled_switch, _("Offer This Segment"));
      g_object_set_data_full (G_OBJECT (enabled_switch), "segment", g_strdup (key), g_free);
      g_signal_connect_object (enabled_switch, "notify::active", G_CALLBACK (on_segment_enabled_cb), self, 0);
      adw_expander_row_add_action (ADW_EXPANDER_ROW (expander), enabled_switch);

      name_row = adw_entry_row_new ();
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (name_row), _("Name"));
      gtk_editable_set_text (GTK_EDITABLE (name_row), json_object_get_string_member (segment, "name"));
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (name_row), TRUE);
      g_object_set_data_full (G_OBJECT (name_row), "segment", g_strdup (key), g_free);
      g_object_set_data (G_OBJECT (name_row), "switch", enabled_switch);
      g_signal_connect_object (name_row, "apply", G_CALLBACK (on_segment_name_applied_cb), self, 0);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), name_row);

      if (g_str_equal (json_object_get_string_member (segment, "appliesTo"), "people"))
        {
          GtkWidget *cadence_row = adw_action_row_new ();
          GtkWidget *spin = gtk_spin_button_new_with_range (0, 3650, 1);

          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (cadence_row), _("Stay in Touch Every (Days)"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (cadence_row), _("0 to leave this segment off the Agenda"));
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin),
                                     (double) json_object_get_int_member_with_default (segment, "cadence", 0));
          gtk_widget_set_valign (spin, GTK_ALIGN_CENTER);
          g_object_set_data_full (G_OBJECT (spin), "segment", g_strdup (key), g_free);
          g_signal_connect_object (spin, "value-changed", G_CALLBACK (on_cadence_changed_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (cadence_row), spin);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), cadence_row);
        }

      for (guint s = 0; s < json_array_get_length (stages); s++)
        {
          JsonObject *stage = json_array_get_object_element (stages, s);
          JsonArray *steps = kith_json_get_array (stage, "steps");
          guint n = steps != NULL ? json_array_get_length (steps) : 0;
          GtkWidget *row = adw_action_row_new ();
          g_autofree char *subtitle = n > 0 ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u next step",
                                                                             "%u next steps", n), n)
                                            : g_strdup (_("No next steps"));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (stage, "name"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), gtk_image_new_from_icon_name ("go-next-symbolic"));
          gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
          g_object_set_data_full (G_OBJECT (row), "segment", g_strdup (key), g_free);
          g_object_set_data_full (G_OBJECT (row), "stage", json_object_ref (stage), (GDestroyNotify) json_object_unref);
          g_signal_connect_object (row, "activated", G_CALLBACK (on_stage_activated_cb), self, 0);
          adw_expander_row_add_row (ADW_EXPANDER_ROW (expander), row);
        }

      add_row (self, self->segments_group, expander);
    }
}

/* Custom fields */

static const char *
type_label (const char *type)
{
  static const struct { const char *type; const char *label; } labels[] = {
    { "text", N_("Text") },
    { "pick", N_("Pick list") },
    { "multipick", N_("Pick list (many)") },
    { "date", N_("Date") },
    { "integer", N_("Whole number") },
    { "decimal", N_("Number") },
    { "currency", N_("Money") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].type, type) == 0)
      return _(labels[i].label);

  return type;
}

static void
on_remove_field_response_cb (AdwMessageDialog      *dialog,
                             const char            *response,
                             KithPreferencesWindow *self)
{
  JsonObject *args;

  if (!g_str_equal (response, "remove"))
    return;

  args = json_object_new ();
  json_object_set_string_member (args, "key", g_object_get_data (G_OBJECT (dialog), "key"));
  run_write (self, remove_field_write, args);
}

static void
remove_field_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (widget);
  const char *key = g_variant_get_string (parameter, NULL);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Remove Field?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The field “%s” and every value recorded in it are removed. This cannot be undone."),
                                  key);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "remove", _("_Remove"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "remove", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "key", g_strdup (key), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_remove_field_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build_fields (KithPreferencesWindow *self)
{
  AdwPreferencesGroup *groups[] = { self->person_fields_group, self->company_fields_group, self->project_fields_group };

  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    {
      JsonArray *fields = kith_json_get_array (self->data, kith_record_kind_to_string (kind));

      for (guint i = 0; i < json_array_get_length (fields); i++)
        {
          JsonObject *field = json_array_get_object_element (fields, i);
          JsonArray *scopes = kith_json_get_array (field, "scopes");
          GtkWidget *row = adw_action_row_new ();
          GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
          g_autoptr(GString) subtitle = g_string_new (type_label (json_object_get_string_member (field, "type")));

          if (json_object_has_member (field, "section"))
            g_string_append_printf (subtitle, " · %s", json_object_get_string_member (field, "section"));
          if (scopes != NULL && json_array_get_length (scopes) > 0)
            g_string_append_printf (subtitle, " · %s", _("some segments"));
          g_string_append_printf (subtitle, " · #%s", json_object_get_string_member (field, "id"));

          adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
          adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), json_object_get_string_member (field, "name"));
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle->str);

          gtk_widget_set_tooltip_text (remove, _("Remove Field"));
          gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
          gtk_widget_add_css_class (remove, "flat");
          gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "prefs.remove-field");
          gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove),
                                                  g_variant_new_string (json_object_get_string_member (field, "id")));
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), remove);
          add_row (self, groups[kind], row);
        }
    }
}

typedef struct {
  GtkEditable *name;
  GtkDropDown *type;
  GtkEditable *section;
  GtkEditable *options;
  GtkCheckButton *yearly;
  GtkDropDown *scope;
  GPtrArray   *scope_keys;
  char        *applies_to;
} FieldForm;

static void
field_form_free (FieldForm *form)
{
  g_clear_pointer (&form->scope_keys, g_ptr_array_unref);
  g_free (form->applies_to);
  g_free (form);
}

static const char *field_types[] = { "text", "pick", "multipick", "date", "integer", "decimal", "currency" };

static void
on_add_field_response_cb (AdwMessageDialog      *dialog,
                          const char            *response,
                          KithPreferencesWindow *self)
{
  FieldForm *form = g_object_get_data (G_OBJECT (dialog), "form");
  g_autofree char *name = NULL;
  const char *section;
  const char *options;
  const char *type;
  JsonObject *definition;

  if (!g_str_equal (response, "add"))
    return;

  name = g_strstrip (g_strdup (gtk_editable_get_text (form->name)));
  type = field_types[gtk_drop_down_get_selected (form->type)];
  section = gtk_editable_get_text (form->section);
  options = gtk_editable_get_text (form->options);

  definition = json_object_new ();
  json_object_set_string_member (definition, "name", name);
  json_object_set_string_member (definition, "type", type);
  json_object_set_string_member (definition, "appliesTo", form->applies_to);
  if (section != NULL && *section != '\0')
    json_object_set_string_member (definition, "section", section);
  if (options != NULL && *options != '\0')
    {
      g_auto(GStrv) parts = g_strsplit (options, ",", -1);
      JsonArray *choices = json_array_new ();

      for (guint i = 0; parts[i] != NULL; i++)
        if (*g_strstrip (parts[i]) != '\0')
          json_array_add_string_element (choices, parts[i]);
      json_object_set_array_member (definition, "options", choices);
    }
  if (g_str_equal (type, "date"))
    json_object_set_boolean_member (definition, "remindYearly", gtk_check_button_get_active (form->yearly));
  {
    guint scope = gtk_drop_down_get_selected (form->scope);

    /* 0 is every segment */
    if (scope > 0 && scope <= form->scope_keys->len)
      {
        JsonArray *scopes = json_array_new ();
        JsonObject *one = json_object_new ();

        json_object_set_string_member (one, "segment", g_ptr_array_index (form->scope_keys, scope - 1));
        json_array_add_object_element (scopes, one);
        json_object_set_array_member (definition, "scopes", scopes);
      }
  }

  /* The store names what is wrong (a missing name, a pick list without choices) */
  run_write (self, add_field_write, definition);
}

static GtkWidget *
labelled (GtkWidget  *box,
          const char *label,
          GtkWidget  *widget)
{
  GtkWidget *l = gtk_label_new_with_mnemonic (label);

  gtk_label_set_xalign (GTK_LABEL (l), 0);
  gtk_label_set_mnemonic_widget (GTK_LABEL (l), widget);
  gtk_widget_add_css_class (l, "caption-heading");
  gtk_box_append (GTK_BOX (box), l);
  gtk_box_append (GTK_BOX (box), widget);

  return widget;
}

static void
add_field_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (widget);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("New Custom Field"), NULL);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  const char *labels[G_N_ELEMENTS (field_types) + 1];
  FieldForm *form = g_new0 (FieldForm, 1);

  for (guint i = 0; i < G_N_ELEMENTS (field_types); i++)
    labels[i] = type_label (field_types[i]);
  labels[G_N_ELEMENTS (field_types)] = NULL;

  form->applies_to = g_variant_dup_string (parameter, NULL);
  form->name = GTK_EDITABLE (labelled (box, _("_Name"), gtk_entry_new ()));
  form->type = GTK_DROP_DOWN (labelled (box, _("_Type"), gtk_drop_down_new_from_strings (labels)));
  form->options = GTK_EDITABLE (labelled (box, _("_Choices, Separated by Commas (Pick Lists)"), gtk_entry_new ()));
  form->section = GTK_EDITABLE (labelled (box, _("_Section (Optional)"), gtk_entry_new ()));
  form->yearly = GTK_CHECK_BUTTON (gtk_check_button_new_with_mnemonic (_("_Remind every year (dates)")));
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (form->yearly));
  {
    /* Where the field shows: every segment, or one */
    JsonArray *segments = kith_json_get_array (self->data, "segments");
    gboolean projects = g_str_equal (form->applies_to, "project");
    GtkStringList *names = gtk_string_list_new (NULL);

    form->scope_keys = g_ptr_array_new_with_free_func (g_free);
    gtk_string_list_append (names, _("All segments"));
    for (guint i = 0; segments != NULL && i < json_array_get_length (segments); i++)
      {
        JsonObject *segment = json_array_get_object_element (segments, i);

        if (!json_object_get_boolean_member_with_default (segment, "enabled", TRUE) ||
            g_str_equal (json_object_get_string_member (segment, "appliesTo"), "projects") != projects)
          continue;
        gtk_string_list_append (names, json_object_get_string_member (segment, "name"));
        g_ptr_array_add (form->scope_keys, g_strdup (json_object_get_string_member (segment, "key")));
      }
    form->scope = GTK_DROP_DOWN (labelled (box, _("Shown _For"), gtk_drop_down_new (G_LIST_MODEL (names), NULL)));
  }

  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "add", _("_Add"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "add", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "add");
  g_object_set_data_full (G_OBJECT (dialog), "form", form, (GDestroyNotify) field_form_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_field_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Tags */

static void
on_tag_applied_cb (AdwEntryRow           *row,
                   KithPreferencesWindow *self)
{
  g_autofree char *to = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));
  JsonObject *args = json_object_new ();

  json_object_set_string_member (args, "from", g_object_get_data (G_OBJECT (row), "tag"));
  json_object_set_string_member (args, "to", to);
  run_write (self, rename_tag_write, args);
}

static void
on_delete_tag_response_cb (AdwMessageDialog      *dialog,
                           const char            *response,
                           KithPreferencesWindow *self)
{
  JsonObject *args;

  if (!g_str_equal (response, "delete"))
    return;

  args = json_object_new ();
  json_object_set_string_member (args, "name", g_object_get_data (G_OBJECT (dialog), "tag"));
  run_write (self, delete_tag_write, args);
}

static void
delete_tag_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithPreferencesWindow *self = KITH_PREFERENCES_WINDOW (widget);
  const char *tag = g_variant_get_string (parameter, NULL);
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), _("Delete Tag?"), NULL);

  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("“%s” is taken off every person, company and project that has it."), tag);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"), "delete", _("_Delete"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "tag", g_strdup (tag), g_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_delete_tag_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
build_tags (KithPreferencesWindow *self)
{
  JsonArray *tags = kith_json_get_array (self->data, "tags");

  if (json_array_get_length (tags) == 0)
    {
      GtkWidget *row = adw_action_row_new ();

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("No tags yet"));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), _("Tags are added on profiles"));
      add_row (self, self->tags_group, row);
      return;
    }

  for (guint i = 0; i < json_array_get_length (tags); i++)
    {
      JsonObject *tag = json_array_get_object_element (tags, i);
      const char *name = json_object_get_string_member (tag, "name");
      gint64 count = json_object_get_int_member (tag, "count");
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Used by %d record",
                                                             "Used by %d records", (gulong) count), (int) count);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), name);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "tag", g_strdup (name), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (on_tag_applied_cb), self, 0);

      gtk_widget_set_tooltip_text (remove, _("Delete Tag"));
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_actionable_set_action_name (GTK_ACTIONABLE (remove), "prefs.delete-tag");
      gtk_actionable_set_action_target_value (GTK_ACTIONABLE (remove), g_variant_new_string (name));
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      add_row (self, self->tags_group, row);
    }
}

static void
build (KithPreferencesWindow *self)
{
  const char *preset = json_object_get_string_member (self->data, "preset");

  self->loading = TRUE;

  clear_rows (self);
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_str_equal (presets[i], preset))
      adw_combo_row_set_selected (self->preset_row, i);
  gtk_switch_set_active (self->copy_files_switch,
                         !g_str_equal (json_object_get_string_member (self->data, "filesMode"), "link"));
  build_segments (self);
  build_fields (self);
  build_tags (self);

  self->loading = FALSE;
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithPreferencesWindow) self = user_data;
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

  /* New steps got their keys when saved: edit those, or the next save would replace them */
  if (self->steps_segment != NULL)
    {
      JsonArray *segments = kith_json_get_array (data, "segments");

      for (guint i = 0; i < json_array_get_length (segments); i++)
        {
          JsonObject *segment = json_array_get_object_element (segments, i);
          JsonArray *stages = kith_json_get_array (segment, "stages");

          if (!g_str_equal (json_object_get_string_member (segment, "key"), self->steps_segment))
            continue;
          for (guint s = 0; s < json_array_get_length (stages); s++)
            {
              JsonObject *stage = json_array_get_object_element (stages, s);

              if (g_str_equal (json_object_get_string_member (stage, "key"), self->steps_stage) &&
                  self->save_steps_id == 0)
                {
                  g_autoptr(JsonNode) copy = json_node_copy (json_object_get_member (stage, "steps"));

                  g_clear_pointer (&self->steps, json_array_unref);
                  self->steps = json_array_ref (json_node_get_array (copy));
                }
            }
        }
    }
}

/**
 * kith_preferences_window_reload:
 *
 * Reads the settings from the store again and shows them.
 */
void
kith_preferences_window_reload (KithPreferencesWindow *self)
{
  g_return_if_fail (KITH_IS_PREFERENCES_WINDOW (self));

  kith_store_run_async (self->store, load_job, NULL, NULL, (GDestroyNotify) json_object_unref,
                        self->cancellable, on_loaded_cb, g_object_ref (self));
}

static void
on_preset_changed_cb (AdwComboRow           *row,
                      GParamSpec            *pspec,
                      KithPreferencesWindow *self)
{
  JsonObject *args;
  guint selected = adw_combo_row_get_selected (row);

  if (self->loading || selected >= G_N_ELEMENTS (presets))
    return;

  args = json_object_new ();
  json_object_set_string_member (args, "preset", presets[selected]);
  run_write (self, apply_preset_write, args);
}

static void
on_copy_files_changed_cb (GtkSwitch             *sw,
                          GParamSpec            *pspec,
                          KithPreferencesWindow *self)
{
  JsonObject *args;

  if (self->loading)
    return;

  args = json_object_new ();
  json_object_set_string_member (args, "key", "files-mode");
  json_object_set_string_member (args, "value", gtk_switch_get_active (sw) ? "copy" : "link");
  run_write (self, set_setting_write, args);
}

static void
on_background_requested_cb (GObject      *source,
                            GAsyncResult *result,
                            gpointer      user_data)
{
  g_autoptr(KithPreferencesWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean wanted = gtk_switch_get_active (self->autostart_switch);
  gboolean granted = xdp_portal_request_background_finish (XDP_PORTAL (source), result, &error);

  if (!granted)
    {
      g_autofree char *text = g_strdup_printf (_("Kith could not be set to start at login: %s"),
                                               error != NULL ? error->message : _("not allowed"));
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        toast (self, text);
      wanted = FALSE;
    }

  gtk_switch_set_state (self->autostart_switch, wanted && granted);
  gtk_switch_set_active (self->autostart_switch, wanted && granted);
  g_settings_set_boolean (self->settings, "start-at-login", wanted && granted);
}

/* Autostart goes through the Background portal: the desktop asks the user, and may say no */
static gboolean
on_autostart_set_cb (GtkSwitch             *sw,
                     gboolean               state,
                     KithPreferencesWindow *self)
{
  g_autoptr(GPtrArray) command = g_ptr_array_new_with_free_func (g_free);
  XdpParent *parent;

  if (self->portal == NULL)
    self->portal = xdp_portal_new ();

  g_ptr_array_add (command, g_strdup ("kith"));
  g_ptr_array_add (command, g_strdup ("--gapplication-service"));
  parent = xdp_parent_new_gtk (GTK_WINDOW (self));
  xdp_portal_request_background (self->portal, parent, _("Kith shows reminders for due to-dos and next steps"),
                                 state ? command : NULL,
                                 state ? XDP_BACKGROUND_FLAG_AUTOSTART : XDP_BACKGROUND_FLAG_NONE,
                                 self->cancellable, on_background_requested_cb, g_object_ref (self));
  xdp_parent_free (parent);

  /* The switch moves when the portal answers */
  return TRUE;
}

static void
kith_preferences_window_dispose (GObject *object)
{
  KithPreferencesWindow *self = (KithPreferencesWindow *)object;

  g_cancellable_cancel (self->cancellable);
  if (self->save_steps_id != 0)
    {
      g_clear_handle_id (&self->save_steps_id, g_source_remove);
      /* Keep the last edit: the store outlives the window */
      save_steps (self);
    }

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_PREFERENCES_WINDOW);

  G_OBJECT_CLASS (kith_preferences_window_parent_class)->dispose (object);
}

static void
kith_preferences_window_finalize (GObject *object)
{
  KithPreferencesWindow *self = (KithPreferencesWindow *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->settings);
  g_clear_object (&self->portal);
  g_clear_pointer (&self->data, json_object_unref);
  g_clear_pointer (&self->dynamic_rows, g_ptr_array_unref);
  g_clear_pointer (&self->step_rows, g_ptr_array_unref);
  g_clear_pointer (&self->steps, json_array_unref);
  g_free (self->steps_segment);
  g_free (self->steps_stage);

  G_OBJECT_CLASS (kith_preferences_window_parent_class)->finalize (object);
}

static void
kith_preferences_window_class_init (KithPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = kith_preferences_window_dispose;
  object_class->finalize = kith_preferences_window_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, preset_row);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, segments_group);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, person_fields_group);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, company_fields_group);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, project_fields_group);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, tags_group);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, copy_files_switch);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, background_switch);
  gtk_widget_class_bind_template_child (widget_class, KithPreferencesWindow, autostart_switch);

  gtk_widget_class_install_action (widget_class, "prefs.add-field", "s", add_field_action);
  gtk_widget_class_install_action (widget_class, "prefs.remove-field", "s", remove_field_action);
  gtk_widget_class_install_action (widget_class, "prefs.delete-tag", "s", delete_tag_action);
  gtk_widget_class_install_action (widget_class, "prefs.step", "(us)", step_action);
  gtk_widget_class_install_action (widget_class, "prefs.add-step", NULL, add_step_action);
}

static void
kith_preferences_window_init (KithPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->cancellable = g_cancellable_new ();
  self->dynamic_rows = g_ptr_array_new_with_free_func (g_object_unref);
  self->step_rows = g_ptr_array_new ();

  g_signal_connect_object (self->preset_row, "notify::selected", G_CALLBACK (on_preset_changed_cb), self, 0);
  g_signal_connect_object (self->copy_files_switch, "notify::active", G_CALLBACK (on_copy_files_changed_cb), self, 0);

  self->settings = g_settings_new (APP_ID);
  g_settings_bind (self->settings, "run-in-background", self->background_switch, "active", G_SETTINGS_BIND_DEFAULT);
  gtk_switch_set_active (self->autostart_switch, g_settings_get_boolean (self->settings, "start-at-login"));
  g_signal_connect_object (self->autostart_switch, "state-set", G_CALLBACK (on_autostart_set_cb), self, 0);
}

/**
 * kith_preferences_window_new:
 *
 * Returns: (transfer none): the Preferences window, loading its settings
 */
GtkWidget *
kith_preferences_window_new (KithStore *store,
                             GtkWindow *parent)
{
  KithPreferencesWindow *self;

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self = g_object_new (KITH_TYPE_PREFERENCES_WINDOW, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  kith_preferences_window_reload (self);

  return GTK_WIDGET (self);
}

/**
 * kith_preferences_window_set_mail_service:
 *
 * Adds the Mail page, for the application's mail accounts.
 */
void
kith_preferences_window_set_mail_service (KithPreferencesWindow *self,
                                          KithMailService       *mail)
{
  g_return_if_fail (KITH_IS_PREFERENCES_WINDOW (self));
  g_return_if_fail (self->mail_page == NULL);

  self->mail_page = KITH_MAIL_PAGE (kith_mail_page_new (mail));
  adw_preferences_window_add (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->mail_page));
}

/* Shows the Mail page and the dialog that adds an account */
void
kith_preferences_window_add_mail_account (KithPreferencesWindow *self)
{
  g_return_if_fail (KITH_IS_PREFERENCES_WINDOW (self));

  if (self->mail_page == NULL)
    return;
  adw_preferences_window_set_visible_page (ADW_PREFERENCES_WINDOW (self), ADW_PREFERENCES_PAGE (self->mail_page));
  kith_mail_page_add_account (self->mail_page);
}
