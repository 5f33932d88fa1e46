/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithSegmentRow: a segment in Preferences — renamed, turned on or off (the custom ones start
 * off), its stay-in-touch cadence (segments for people), and its stages, each opening its
 * editor; Remove asks the page (`relationships.remove-segment`). Every change is saved at once and never cancelled; the widgets show the segment,
 * so a change the store refuses goes back.
 */

#define G_LOG_DOMAIN "KithSegmentRow"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-segment-row.h"
#include "kith-stage-row.h"

struct _KithSegmentRow
{
  AdwExpanderRow  parent_instance;

  GtkSwitch      *enabled_switch;
  GtkSpinButton  *cadence_spin;
  GtkListBox     *stages_list;

  KithStore      *store;
  KithSegment    *segment;
};

G_DEFINE_FINAL_TYPE (KithSegmentRow, kith_segment_row, ADW_TYPE_EXPANDER_ROW)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SEGMENT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
show_kind (KithSegmentRow *self)
{
  const char *category = kith_segment_get_category (self->segment);
  const char *subtitle = _("Business");

  if (!kith_segment_get_enabled (self->segment))
    subtitle = _("Off");
  else if (g_strcmp0 (category, "personal") == 0)
    subtitle = _("Personal");
  else if (g_strcmp0 (category, "project") == 0)
    subtitle = _("Deals and properties");
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (self), subtitle);
}

static void
on_saved_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithSegmentRow) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_segment_save_finish (KITH_SEGMENT (source), result, &error))
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      /* The widgets go back to what is saved */
      g_object_notify (source, "enabled");
      g_object_notify (source, "cadence");
    }
}

static void
save (KithSegmentRow *self,
      const char     *name,
      gboolean        enabled,
      int             cadence)
{
  kith_segment_save_async (self->segment, self->store, name, enabled, cadence, on_saved_cb, g_object_ref (self));
}

static void
on_enabled_cb (GtkSwitch      *toggle,
               GParamSpec     *pspec,
               KithSegmentRow *self)
{
  if (gtk_switch_get_active (toggle) != kith_segment_get_enabled (self->segment))
    save (self, NULL, gtk_switch_get_active (toggle), kith_segment_get_cadence (self->segment));
}

static void
on_name_applied_cb (AdwEntryRow    *row,
                    KithSegmentRow *self)
{
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (row))));

  save (self, name, kith_segment_get_enabled (self->segment), kith_segment_get_cadence (self->segment));
}

static void
on_cadence_changed_cb (GtkSpinButton  *spin,
                       KithSegmentRow *self)
{
  int days = gtk_spin_button_get_value_as_int (spin);

  if (days != kith_segment_get_cadence (self->segment))
    save (self, NULL, kith_segment_get_enabled (self->segment), days);
}

static GtkWidget *
create_stage_row (gpointer item,
                  gpointer user_data)
{
  return kith_stage_row_new (item);
}

static void
show_segment (KithSegmentRow *self)
{
  g_signal_connect_object (self->segment, "notify::enabled", G_CALLBACK (show_kind), self, G_CONNECT_SWAPPED);
  show_kind (self);
  gtk_list_box_bind_model (self->stages_list, kith_segment_get_stages (self->segment), create_stage_row, NULL, NULL);
}

static void
kith_segment_row_dispose (GObject *object)
{
  KithSegmentRow *self = KITH_SEGMENT_ROW (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_SEGMENT_ROW);
  g_clear_object (&self->segment);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (kith_segment_row_parent_class)->dispose (object);
}

static void
kith_segment_row_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  KithSegmentRow *self = KITH_SEGMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SEGMENT:
      g_value_set_object (value, self->segment);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_segment_row_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  KithSegmentRow *self = KITH_SEGMENT_ROW (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SEGMENT:
      g_assert (self->segment == NULL);
      self->segment = g_value_dup_object (value);
  /* A GBinding, not a <binding> in the template: GTK 4.8 warns on finalizing a row whose template
   * binds one of the row's own properties once its list drops it */
      kith_preferences_row_bind_text_title (ADW_PREFERENCES_ROW (self), self->segment, "name");
      show_segment (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithSegmentRow *self = KITH_SEGMENT_ROW (widget);

  gtk_widget_activate_action (widget, "relationships.remove-segment", "s", kith_segment_get_key (self->segment));
}

static void
kith_segment_row_class_init (KithSegmentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS;

  object_class->dispose = kith_segment_row_dispose;
  object_class->get_property = kith_segment_row_get_property;
  object_class->set_property = kith_segment_row_set_property;

  properties[PROP_STORE] = g_param_spec_object ("store", NULL, NULL, KITH_TYPE_STORE, flags);
  properties[PROP_SEGMENT] = g_param_spec_object ("segment", NULL, NULL, KITH_TYPE_SEGMENT,
                                                  G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-segment-row.ui");
  gtk_widget_class_bind_template_child (widget_class, KithSegmentRow, enabled_switch);
  gtk_widget_class_bind_template_child (widget_class, KithSegmentRow, cadence_spin);
  gtk_widget_class_bind_template_child (widget_class, KithSegmentRow, stages_list);
  gtk_widget_class_bind_template_callback (widget_class, on_enabled_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_name_applied_cb);
  gtk_widget_class_bind_template_callback (widget_class, on_cadence_changed_cb);

  gtk_widget_class_install_action (widget_class, "segment-row.remove", NULL, remove_action);
}

static void
kith_segment_row_init (KithSegmentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/* A row for @segment */
GtkWidget *
kith_segment_row_new (KithStore   *store,
                      KithSegment *segment)
{
  GtkWidget *row = g_object_new (KITH_TYPE_SEGMENT_ROW, "store", store, NULL);

  g_object_set (row, "segment", segment, NULL);

  return row;
}
