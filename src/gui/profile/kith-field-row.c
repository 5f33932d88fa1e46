/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithFieldRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-field-row.h"
#include "kith-timeline-format.h"

/*
 * The row of a custom field in a profile, a widget for its type: text and numbers typed in an
 * entry, a pick from a list, a multi-pick of checks, a date from a calendar. It shows the
 * record's value (bound to its KithCustomValue) and tells whoever made it what the user gave.
 */

/* What the handlers of a row's widgets get: the field, its value, and whom to tell of an edit */
typedef struct {
  KithFieldDefinition *field;
  KithCustomValue     *value;
  KithFieldEditFunc    func;
  gpointer             user_data;
} Edit;

static void
edit_free (gpointer  data,
           GClosure *closure)
{
  Edit *edit = data;

  g_clear_object (&edit->field);
  g_clear_object (&edit->value);
  g_free (edit);
}

static void
connect_edit (GObject    *object,
              const char *signal,
              GCallback   callback,
              const Edit *edit)
{
  Edit *copy = g_memdup2 (edit, sizeof *edit);

  g_object_ref (copy->field);
  g_object_ref (copy->value);
  g_signal_connect_data (object, signal, callback, copy, edit_free, 0);
}

static void
edited (Edit       *edit,
        const char *value)
{
  edit->func (edit->field, value, NULL, edit->user_data);
}

/* An amount as the store keeps it ("1250000.50") in the user's locale with its currency; what is
 * not such an amount (typed, not saved yet) as it is */
static char *
format_money (const char *value,
              const char *currency)
{
  char *end = NULL;
  double amount = g_ascii_strtod (value, &end);
  g_autofree char *number = NULL;

  if (end == value || *end != '\0')
    return g_strdup (value);
  number = g_strdup_printf ("%'.2f", amount);

  /* printf follows LC_NUMERIC, set from the user's locale at start: "1,250,000.50", "1.250.000,50" */
  return currency != NULL ? g_strdup_printf ("%s %s", currency, number) : g_strdup (number);
}

/* A value as the field's row shows it; not set again when the row shows it already, which would
 * move the cursor of someone typing there */
static gboolean
text_of_value (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  KithFieldDefinition *field = user_data;
  const char *value = g_value_get_string (from);
  g_autoptr(GObject) row = g_binding_dup_target (binding);
  g_autofree char *text = value == NULL ? g_strdup ("")
                          : g_str_equal (kith_field_definition_get_field_type (field), "currency")
                          ? format_money (value, kith_field_definition_get_currency (field))
                          : g_strdup (value);
  gboolean same = row != NULL && g_str_equal (gtk_editable_get_text (GTK_EDITABLE (row)), text);

  g_value_take_string (to, g_steal_pointer (&text));
  return !same;
}

static void
on_text_applied_cb (AdwEntryRow *row,
                    Edit        *data)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (row));

  /* Enter gives "apply" and "entry-activated": one edit; again after a refusal, though */
  if (g_strcmp0 (text, kith_custom_value_get_value (data->value)) == 0 && !gtk_widget_has_css_class (GTK_WIDGET (row), "error"))
    return;
  edited (data, text);
}

static GtkWidget *
create_text_row (const Edit *edit)
{
  KithFieldDefinition *field = edit->field;
  KithCustomValue *value = edit->value;
  const char *type = kith_field_definition_get_field_type (field);
  GtkWidget *row = adw_entry_row_new ();

  adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
  if (g_str_equal (type, "integer") || g_str_equal (type, "decimal") || g_str_equal (type, "currency"))
    gtk_editable_set_alignment (GTK_EDITABLE (row), 1.0);
  g_object_bind_property_full (value, "value", row, "text", G_BINDING_SYNC_CREATE, text_of_value, NULL,
                               g_object_ref (field), g_object_unref);
  connect_edit (G_OBJECT (row), "apply", G_CALLBACK (on_text_applied_cb), edit);
  connect_edit (G_OBJECT (row), "entry-activated", G_CALLBACK (on_text_applied_cb), edit);
  return row;
}

/* A pick: "—", then the choices */
static gboolean
choice_of_value (GBinding     *binding,
                 const GValue *from,
                 GValue       *to,
                 gpointer      user_data)
{
  const char * const *options = kith_field_definition_get_options (user_data);
  const char *value = g_value_get_string (from);
  guint selected = 0;

  for (guint i = 0; value != NULL && options[i] != NULL; i++)
    if (g_str_equal (options[i], value))
      selected = i + 1;
  g_value_set_uint (to, selected);
  return TRUE;
}

static void
on_pick_selected_cb (AdwComboRow *row,
                     GParamSpec  *pspec,
                     Edit        *data)
{
  guint selected = adw_combo_row_get_selected (row);
  const char *option = selected > 0 ? kith_field_definition_get_options (data->field)[selected - 1] : NULL;

  if (g_strcmp0 (option, kith_custom_value_get_value (data->value)) == 0)
    return;
  edited (data, option);
}

static GtkWidget *
create_pick_row (const Edit *edit)
{
  KithFieldDefinition *field = edit->field;
  KithCustomValue *value = edit->value;
  g_autoptr(GtkStringList) choices = gtk_string_list_new ((const char * const []) { "—", NULL });
  GtkWidget *row = adw_combo_row_new ();

  gtk_string_list_splice (choices, 1, 0, kith_field_definition_get_options (field));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (choices));
  g_object_bind_property_full (value, "value", row, "selected", G_BINDING_SYNC_CREATE, choice_of_value, NULL,
                               g_object_ref (field), g_object_unref);
  connect_edit (G_OBJECT (row), "notify::selected", G_CALLBACK (on_pick_selected_cb), edit);
  return row;
}

/* A multi-pick: a check for each choice */
static gboolean
has_choice (GBinding     *binding,
            const GValue *from,
            GValue       *to,
            gpointer      user_data)
{
  const char * const *values = g_value_get_boxed (from);

  g_value_set_boolean (to, values != NULL && g_strv_contains (values, user_data));
  return TRUE;
}

static gboolean
summary_of_values (GBinding     *binding,
                   const GValue *from,
                   GValue       *to,
                   gpointer      user_data)
{
  const char * const *values = g_value_get_boxed (from);

  g_value_take_string (to, values != NULL && values[0] != NULL ? g_strjoinv (", ", (char **) values) : g_strdup ("—"));
  return TRUE;
}

static void
on_choice_toggled_cb (GtkCheckButton *check,
                      Edit           *data)
{
  GtkWidget *row = gtk_widget_get_ancestor (GTK_WIDGET (check), ADW_TYPE_ACTION_ROW);
  const char *option = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row));
  const char * const *values = kith_custom_value_get_values (data->value);
  gboolean active = gtk_check_button_get_active (check);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) picked = NULL;

  /* The check following the value, not the user */
  if (active == g_strv_contains (values, option))
    return;

  for (guint i = 0; values[i] != NULL; i++)
    if (!g_str_equal (values[i], option))
      g_strv_builder_add (builder, values[i]);
  if (active)
    g_strv_builder_add (builder, option);
  picked = g_strv_builder_end (builder);
  data->func (data->field, NULL, (const char * const *) picked, data->user_data);
}

static GtkWidget *
create_multipick_row (const Edit *edit)
{
  KithFieldDefinition *field = edit->field;
  KithCustomValue *value = edit->value;
  const char * const *options = kith_field_definition_get_options (field);
  GtkWidget *row = adw_expander_row_new ();

  for (guint i = 0; options[i] != NULL; i++)
    {
      GtkWidget *check_row = adw_action_row_new ();
      GtkWidget *check = gtk_check_button_new ();

      g_object_bind_property_full (value, "values", check, "active", G_BINDING_SYNC_CREATE, has_choice, NULL,
                                   g_strdup (options[i]), g_free);
      connect_edit (G_OBJECT (check), "toggled", G_CALLBACK (on_choice_toggled_cb), edit);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (check_row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (check_row), options[i]);
      adw_action_row_add_prefix (ADW_ACTION_ROW (check_row), check);
      adw_action_row_set_activatable_widget (ADW_ACTION_ROW (check_row), check);
      adw_expander_row_add_row (ADW_EXPANDER_ROW (row), check_row);
    }
  g_object_bind_property_full (value, "values", row, "subtitle", G_BINDING_SYNC_CREATE, summary_of_values, NULL,
                               NULL, NULL);
  return row;
}

/* A date: a calendar in a popover, and a button that clears it */
/* The day a date field's value names, at noon; NULL for none */
static GDateTime *
day_of (const char *value)
{
  GDate date;

  if (value == NULL || !kith_parse_date (value, FALSE, &date))
    return NULL;
  return g_date_time_new_local (g_date_get_year (&date), g_date_get_month (&date), g_date_get_day (&date), 12, 0, 0);
}

static gboolean
label_of_date (GBinding     *binding,
               const GValue *from,
               GValue       *to,
               gpointer      user_data)
{
  g_autoptr(GDateTime) day = day_of (g_value_get_string (from));

  g_value_take_string (to, day != NULL ? kith_timeline_format_day (day) : g_strdup (_("Set Date")));
  return TRUE;
}

static gboolean
is_set (GBinding     *binding,
        const GValue *from,
        GValue       *to,
        gpointer      user_data)
{
  g_value_set_boolean (to, g_value_get_string (from) != NULL);
  return TRUE;
}

/* The calendar opens on the field's date */
static void
show_day (GtkCalendar *calendar,
          const char  *value)
{
  g_autoptr(GDateTime) day = day_of (value);

  if (day != NULL)
    gtk_calendar_select_day (calendar, day);
}

static void
on_day_selected_cb (GtkCalendar *calendar,
                    Edit        *data)
{
  g_autoptr(GDateTime) day = gtk_calendar_get_date (calendar);
  g_autofree char *text = g_date_time_format (day, "%Y-%m-%d");
  GtkWidget *popover = gtk_widget_get_ancestor (GTK_WIDGET (calendar), GTK_TYPE_POPOVER);

  if (popover != NULL)
    gtk_popover_popdown (GTK_POPOVER (popover));
  if (g_strcmp0 (text, kith_custom_value_get_value (data->value)) != 0)
    edited (data, text);
}

static void
on_clear_date_cb (GtkButton *button,
                  Edit      *data)
{
  edited (data, NULL);
}

static GtkWidget *
create_date_row (const Edit *edit)
{
  KithCustomValue *value = edit->value;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *button = gtk_menu_button_new ();
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *calendar = gtk_calendar_new ();
  GtkWidget *clear = gtk_button_new_from_icon_name ("edit-clear-symbolic");

  g_object_bind_property_full (value, "value", button, "label", G_BINDING_SYNC_CREATE, label_of_date, NULL, NULL, NULL);
  show_day (GTK_CALENDAR (calendar), kith_custom_value_get_value (value));
  connect_edit (G_OBJECT (calendar), "day-selected", G_CALLBACK (on_day_selected_cb), edit);
  gtk_popover_set_child (GTK_POPOVER (popover), calendar);
  gtk_menu_button_set_popover (GTK_MENU_BUTTON (button), popover);
  gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);

  gtk_widget_set_tooltip_text (clear, _("Clear"));
  gtk_widget_set_valign (clear, GTK_ALIGN_CENTER);
  gtk_widget_add_css_class (clear, "flat");
  g_object_bind_property_full (value, "value", clear, "sensitive", G_BINDING_SYNC_CREATE, is_set, NULL, NULL, NULL);
  connect_edit (G_OBJECT (clear), "clicked", G_CALLBACK (on_clear_date_cb), edit);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), clear);
  return row;
}

/**
 * kith_field_row_new:
 * @value: the record's value of @field, which the row shows as it changes
 * @func: (scope notified): called with what the user gives
 *
 * Returns: (transfer floating): a preferences row titled with the field's name
 */
GtkWidget *
kith_field_row_new (KithFieldDefinition *field,
                    KithCustomValue     *value,
                    KithFieldEditFunc    func,
                    gpointer             user_data)
{
  const char *type = kith_field_definition_get_field_type (field);
  Edit edit = { field, value, func, user_data };
  GtkWidget *row;

  if (g_str_equal (type, "pick"))
    row = create_pick_row (&edit);
  else if (g_str_equal (type, "multipick"))
    row = create_multipick_row (&edit);
  else if (g_str_equal (type, "date"))
    row = create_date_row (&edit);
  else
    row = create_text_row (&edit);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), kith_field_definition_get_name (field));
  return row;
}
