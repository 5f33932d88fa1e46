/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithRelationshipPage: the Relationships page of Preferences — the preset (the kind of work:
 * names of segments and stages, and the steps to start from) and the segments with their
 * cadence and stages. A stage opens its editor as a subpage of the window. Segments are added
 * with a form, and removed after asking; the store refuses to remove one records are in, and
 * the reason shows in full.
 */

#define G_LOG_DOMAIN "KithRelationshipPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-confirm-dialog.h"
#include "kith-group-model.h"
#include "kith-gui-util.h"
#include "kith-relationship-page.h"
#include "kith-segment-dialog.h"
#include "kith-segment-row.h"
#include "kith-segment.h"
#include "kith-setting.h"
#include "kith-stage-editor.h"
#include "kith-stage.h"

struct _KithRelationshipPage
{
  KithStorePage       parent_instance;

  AdwComboRow        *preset_row;
  AdwPreferencesGroup *segments_group;

  GListStore         *segments;
  char               *preset;   /* as loaded: the combo row showing it is no change */
};

G_DEFINE_FINAL_TYPE (KithRelationshipPage, kith_relationship_page, KITH_TYPE_STORE_PAGE)

/* In the order of the combo row's items */
static const char *presets[] = { "business", "realestate" };

static void load (KithStorePage *page);

static void
show_preset (KithRelationshipPage *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (presets); i++)
    if (g_strcmp0 (presets[i], self->preset) == 0)
      adw_combo_row_set_selected (self->preset_row, i);
}

static void
on_preset_loaded_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KithRelationshipPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *preset = kith_setting_dup_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (preset == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  g_free (self->preset);
  self->preset = *preset != '\0' ? g_steal_pointer (&preset) : g_strdup ("business");
  show_preset (self);
}

/* The same segments as shown take the values read, so that their rows stay as they are (opened,
 * focused); other segments (another preset) replace them */
static void
show_segments (KithRelationshipPage *self,
               GListModel           *segments)
{
  guint n = g_list_model_get_n_items (segments);
  gboolean same = n == g_list_model_get_n_items (G_LIST_MODEL (self->segments));
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; same && i < n; i++)
    {
      g_autoptr(KithSegment) shown = g_list_model_get_item (G_LIST_MODEL (self->segments), i);
      g_autoptr(KithSegment) read = g_list_model_get_item (segments, i);

      same = kith_segment_update (shown, read);
    }
  if (same)
    return;

  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (segments, i));
  g_list_store_splice (self->segments, 0, g_list_model_get_n_items (G_LIST_MODEL (self->segments)),
                       items->pdata, items->len);
}

static void
on_segments_loaded_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KithRelationshipPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = kith_segment_list_finish (KITH_STORE (source), result, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (segments == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  show_segments (self, segments);
}

static void
load (KithStorePage *page)
{
  KithRelationshipPage *self = KITH_RELATIONSHIP_PAGE (page);
  kith_setting_dup_async (kith_store_page_get_store (page), "preset", kith_store_page_get_cancellable (page),
                          on_preset_loaded_cb, g_object_ref (self));
  kith_segment_list_async (kith_store_page_get_store (page), kith_store_page_get_cancellable (page),
                           on_segments_loaded_cb, g_object_ref (self));
}

static void
on_preset_applied_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(KithRelationshipPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_setting_apply_preset_finish (KITH_STORE (source), result, &error))
    kith_widget_show_error (GTK_WIDGET (self), error->message);
  if (!g_cancellable_is_cancelled (kith_store_page_get_cancellable (KITH_STORE_PAGE (self))))
    kith_store_page_reload (KITH_STORE_PAGE (self));
}

static void
on_preset_selected_cb (AdwComboRow          *row,
                       GParamSpec           *pspec,
                       KithRelationshipPage *self)
{
  guint selected = adw_combo_row_get_selected (row);

  if (self->preset == NULL || selected >= G_N_ELEMENTS (presets) || g_str_equal (presets[selected], self->preset))
    return;

  g_free (self->preset);
  self->preset = g_strdup (presets[selected]);
  kith_setting_apply_preset_async (kith_store_page_get_store (KITH_STORE_PAGE (self)), presets[selected],
                                   on_preset_applied_cb, g_object_ref (self));
}

static gboolean
is_shown (gpointer item,
          gpointer user_data)
{
  /* "none" is no segment: what someone is before they are sorted */
  return g_strcmp0 (kith_segment_get_key (item), "none") != 0;
}

static GtkWidget *
create_segment_row (gpointer item,
                    gpointer user_data)
{
  KithRelationshipPage *self = user_data;

  return kith_segment_row_new (kith_store_page_get_store (KITH_STORE_PAGE (self)), item);
}

static KithStage *
find_stage (KithRelationshipPage *self,
            const char           *segment_key,
            const char           *stage_key)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->segments)); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (G_LIST_MODEL (self->segments), i);
      GListModel *stages = kith_segment_get_stages (segment);

      for (guint s = 0; g_str_equal (kith_segment_get_key (segment), segment_key) && s < g_list_model_get_n_items (stages); s++)
        {
          g_autoptr(KithStage) stage = g_list_model_get_item (stages, s);

          if (g_str_equal (kith_stage_get_key (stage), stage_key))
            return g_steal_pointer (&stage);
        }
    }

  return NULL;
}

static void
open_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  KithRelationshipPage *self = KITH_RELATIONSHIP_PAGE (widget);
  const char *segment, *key;
  g_autoptr(KithStage) stage = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);

  g_variant_get (parameter, "(&s&s)", &segment, &key);
  stage = find_stage (self, segment, key);
  if (stage != NULL && ADW_IS_PREFERENCES_WINDOW (root))
    adw_preferences_window_present_subpage (ADW_PREFERENCES_WINDOW (root),
                                            kith_stage_editor_new (kith_store_page_get_store (KITH_STORE_PAGE (self)), stage));
}

static void
on_segment_added_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(KithRelationshipPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *key = kith_segment_add_finish (KITH_STORE (source), result, &error);

  kith_store_page_written (KITH_STORE_PAGE (self), key != NULL, error);
}

static void
on_add_response_cb (KithSegmentDialog    *dialog,
                    const char           *response,
                    KithRelationshipPage *self)
{
  g_autofree char *name = NULL;

  if (!g_str_equal (response, "add"))
    return;

  name = kith_segment_dialog_dup_name (dialog);
  kith_segment_add_async (kith_store_page_get_store (KITH_STORE_PAGE (self)), name,
                          kith_segment_dialog_get_for_deals (dialog), on_segment_added_cb, g_object_ref (self));
}

static void
add_segment_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  GtkWidget *dialog = kith_segment_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)));

  g_signal_connect_object (dialog, "response", G_CALLBACK (on_add_response_cb), widget, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Why a segment stays, in full: a toast would cut it off */
static void
show_refusal (KithRelationshipPage *self,
              const char           *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                              _("The Segment Stays"), message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
on_segment_removed_cb (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(KithRelationshipPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!kith_segment_remove_finish (KITH_SEGMENT (source), result, &error))
    show_refusal (self, error->message);
  kith_store_page_reload (KITH_STORE_PAGE (self));
}

static void
remove_segment (GtkWidget *widget,
                gpointer   segment)
{
  kith_segment_remove_async (segment, kith_store_page_get_store (KITH_STORE_PAGE (widget)), on_segment_removed_cb,
                             g_object_ref (widget));
}

static KithSegment *
find_segment (KithRelationshipPage *self,
              const char           *key)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->segments)); i++)
    {
      g_autoptr(KithSegment) segment = g_list_model_get_item (G_LIST_MODEL (self->segments), i);

      if (g_str_equal (kith_segment_get_key (segment), key))
        return g_steal_pointer (&segment);
    }

  return NULL;
}

static void
remove_segment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(KithSegment) segment = find_segment (KITH_RELATIONSHIP_PAGE (widget), g_variant_get_string (parameter, NULL));
  g_autofree char *body = NULL;

  if (segment == NULL)
    return;

  body = g_strdup_printf (_("The segment “%s” is removed with its stages and their next steps."),
                          kith_segment_get_name (segment));
  kith_confirm_dialog_present (widget, _("Remove Segment?"), body, _("_Remove"), remove_segment, segment);
}

static void
kith_relationship_page_constructed (GObject *object)
{
  KithRelationshipPage *self = KITH_RELATIONSHIP_PAGE (object);
  GtkFilterListModel *shown;

  G_OBJECT_CLASS (kith_relationship_page_parent_class)->constructed (object);

  shown = gtk_filter_list_model_new (g_object_ref (G_LIST_MODEL (self->segments)),
                                     GTK_FILTER (gtk_custom_filter_new (is_shown, NULL, NULL)));
  kith_preferences_group_bind_model (self->segments_group, G_LIST_MODEL (shown), create_segment_row, self);
  g_object_unref (shown);
}

static void
kith_relationship_page_dispose (GObject *object)
{
  KithRelationshipPage *self = KITH_RELATIONSHIP_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_RELATIONSHIP_PAGE);
  g_clear_object (&self->segments);

  G_OBJECT_CLASS (kith_relationship_page_parent_class)->dispose (object);
}

static void
kith_relationship_page_finalize (GObject *object)
{
  KithRelationshipPage *self = KITH_RELATIONSHIP_PAGE (object);

  g_free (self->preset);

  G_OBJECT_CLASS (kith_relationship_page_parent_class)->finalize (object);
}

static void
kith_relationship_page_class_init (KithRelationshipPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_relationship_page_constructed;
  object_class->dispose = kith_relationship_page_dispose;
  KITH_STORE_PAGE_CLASS (klass)->load = load;
  object_class->finalize = kith_relationship_page_finalize;


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-relationship-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipPage, preset_row);
  gtk_widget_class_bind_template_child (widget_class, KithRelationshipPage, segments_group);
  gtk_widget_class_bind_template_callback (widget_class, on_preset_selected_cb);

  gtk_widget_class_install_action (widget_class, "relationships.open-stage", "(ss)", open_stage_action);
  gtk_widget_class_install_action (widget_class, "relationships.add-segment", NULL, add_segment_action);
  gtk_widget_class_install_action (widget_class, "relationships.remove-segment", "s", remove_segment_action);
}

static void
kith_relationship_page_init (KithRelationshipPage *self)
{
  self->segments = g_list_store_new (KITH_TYPE_SEGMENT);
  gtk_widget_init_template (GTK_WIDGET (self));
}
