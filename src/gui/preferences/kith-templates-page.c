/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTemplatesPage: the Templates page of Preferences — the library of email templates,
 * each opened in KithTemplateDialog to edit it, a new one added, one deleted with a toast to
 * undo it. The list follows the store: every write to templates reloads it.
 */

#define G_LOG_DOMAIN "KithTemplatesPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-gui-util.h"
#include "kith-record-store.h"
#include "kith-template-dialog.h"
#include "kith-template-store.h"
#include "kith-templates-page.h"
#include "kith-undo-toast.h"

struct _KithTemplatesPage
{
  KithStorePage  parent_instance;

  GtkListBox    *templates_list;

  GListStore    *templates;
  gulong         changed_id;
};

G_DEFINE_FINAL_TYPE (KithTemplatesPage, kith_templates_page, KITH_TYPE_STORE_PAGE)

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithTemplatesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) templates = kith_store_templates_list_finish (KITH_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (templates == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (templates); i++)
    g_ptr_array_add (items, g_list_model_get_item (templates, i));
  g_list_store_splice (self->templates, 0, g_list_model_get_n_items (G_LIST_MODEL (self->templates)),
                       items->pdata, items->len);
}

static void
load (KithStorePage *page)
{
  kith_store_templates_list_async (kith_store_page_get_store (page), kith_store_page_get_cancellable (page),
                                   on_loaded_cb, g_object_ref (page));
}

static void
on_store_changed_cb (KithTemplatesPage *self,
                     KithStoreChanges  *changes)
{
  if (kith_store_changes_has_area (changes, KITH_STORE_AREA_TEMPLATES))
    kith_store_page_reload (KITH_STORE_PAGE (self));
}

static void
on_store_notify_cb (KithTemplatesPage *self)
{
  KithStore *store = kith_store_page_get_store (KITH_STORE_PAGE (self));

  if (store != NULL && self->changed_id == 0)
    self->changed_id = g_signal_connect_object (store, "changed", G_CALLBACK (on_store_changed_cb), self,
                                                G_CONNECT_SWAPPED);
}

static KithTemplate *
find_template (KithTemplatesPage *self,
               gint64             id)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->templates)); i++)
    {
      g_autoptr(KithTemplate) template = g_list_model_get_item (G_LIST_MODEL (self->templates), i);

      if (kith_template_get_id (template) == id)
        return g_steal_pointer (&template);
    }

  return NULL;
}

static void
edit_template (KithTemplatesPage *self,
               KithTemplate      *template)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  kith_template_dialog_new (kith_store_page_get_store (KITH_STORE_PAGE (self)), template,
                            GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  edit_template (KITH_TEMPLATES_PAGE (widget), NULL);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithTemplatesPage *self = KITH_TEMPLATES_PAGE (widget);
  g_autoptr(KithTemplate) template = find_template (self, g_variant_get_int64 (parameter));

  if (template != NULL)
    edit_template (self, template);
}

/* The page shows the store again once the template is back */
static void
on_undone_cb (GtkWidget *widget,
              gboolean   ok,
              GError    *error)
{
  kith_store_page_written (KITH_STORE_PAGE (widget), ok, error);
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithTemplatesPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gint64 undo_id = kith_store_template_delete_with_undo_finish (KITH_STORE (source), result, &error);

  if (undo_id == 0)
    {
      kith_store_page_written (KITH_STORE_PAGE (self), FALSE, error);
      return;
    }

  kith_undo_toast_show (GTK_WIDGET (self), KITH_STORE (source), _("Template deleted"), undo_id, on_undone_cb);
  kith_store_page_reload (KITH_STORE_PAGE (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithTemplatesPage *self = KITH_TEMPLATES_PAGE (widget);

  kith_store_template_delete_with_undo_async (kith_store_page_get_store (KITH_STORE_PAGE (self)),
                                              g_variant_get_int64 (parameter), on_deleted_cb, g_object_ref (self));
}

/* A template's row: its name and subject; activating it edits it */
static GtkWidget *
create_template_row (gpointer item,
                     gpointer user_data)
{
  KithTemplate *template = item;
  GtkWidget *row = adw_action_row_new ();
  GtkWidget *delete = gtk_button_new_from_icon_name ("user-trash-symbolic");
  GVariant *id = g_variant_new_int64 (kith_template_get_id (template));
  g_autofree char *subject = kith_markup_escape (kith_template_get_subject (template));

  kith_preferences_row_set_text_title (ADW_PREFERENCES_ROW (row), kith_template_get_name (template));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subject);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "templates.edit");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (row), id);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);

  gtk_widget_set_valign (delete, GTK_ALIGN_CENTER);
  gtk_widget_set_tooltip_text (delete, _("Delete Template"));
  gtk_widget_add_css_class (delete, "flat");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (delete), "templates.delete");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (delete), g_variant_new_int64 (kith_template_get_id (template)));
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), delete);

  return row;
}

static void
kith_templates_page_constructed (GObject *object)
{
  KithTemplatesPage *self = KITH_TEMPLATES_PAGE (object);

  G_OBJECT_CLASS (kith_templates_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->templates_list, G_LIST_MODEL (self->templates), create_template_row, NULL, NULL);
  g_signal_connect (self, "notify::store", G_CALLBACK (on_store_notify_cb), NULL);
  on_store_notify_cb (self);
}

static void
kith_templates_page_dispose (GObject *object)
{
  KithTemplatesPage *self = KITH_TEMPLATES_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_TEMPLATES_PAGE);
  g_clear_object (&self->templates);

  G_OBJECT_CLASS (kith_templates_page_parent_class)->dispose (object);
}

static void
kith_templates_page_class_init (KithTemplatesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_templates_page_constructed;
  object_class->dispose = kith_templates_page_dispose;
  KITH_STORE_PAGE_CLASS (klass)->load = load;

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-templates-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTemplatesPage, templates_list);

  gtk_widget_class_install_action (widget_class, "templates.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "templates.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "templates.delete", "x", delete_action);
}

static void
kith_templates_page_init (KithTemplatesPage *self)
{
  self->templates = g_list_store_new (KITH_TYPE_TEMPLATE);
  gtk_widget_init_template (GTK_WIDGET (self));
}
