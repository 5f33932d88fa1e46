/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithTagsPage: the Tags page of Preferences — every tag in use, renamed (to the name of
 * another to merge the two) or deleted from every record after asking.
 */

#define G_LOG_DOMAIN "KithTagsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-confirm-dialog.h"
#include "kith-gui-util.h"
#include "kith-tag-row.h"
#include "kith-tag.h"
#include "kith-tags-page.h"

struct _KithTagsPage
{
  KithStorePage       parent_instance;

  GtkListBox         *tags_list;

  GListStore         *tags;
};

G_DEFINE_FINAL_TYPE (KithTagsPage, kith_tags_page, KITH_TYPE_STORE_PAGE)

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(KithTagsPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) tags = kith_tag_list_finish (KITH_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (tags == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (tags); i++)
    g_ptr_array_add (items, g_list_model_get_item (tags, i));
  g_list_store_splice (self->tags, 0, g_list_model_get_n_items (G_LIST_MODEL (self->tags)), items->pdata, items->len);
}

static void
load (KithStorePage *page)
{
  KithTagsPage *self = KITH_TAGS_PAGE (page);
  kith_tag_list_async (kith_store_page_get_store (page), kith_store_page_get_cancellable (page), on_loaded_cb,
                       g_object_ref (self));
}

static void
on_renamed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithTagsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_page_written (KITH_STORE_PAGE (self), kith_tag_rename_finish (KITH_TAG (source), result, &error), error);
}

static void
on_deleted_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithTagsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  kith_store_page_written (KITH_STORE_PAGE (self), kith_tag_delete_finish (KITH_TAG (source), result, &error), error);
}

static KithTag *
find_tag (KithTagsPage *self,
          const char   *name)
{
  for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->tags)); i++)
    {
      g_autoptr(KithTag) tag = g_list_model_get_item (G_LIST_MODEL (self->tags), i);

      if (g_str_equal (kith_tag_get_name (tag), name))
        return g_steal_pointer (&tag);
    }

  return NULL;
}

static void
rename_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithTagsPage *self = KITH_TAGS_PAGE (widget);
  const char *from, *to;
  g_autoptr(KithTag) tag = NULL;

  g_variant_get (parameter, "(&s&s)", &from, &to);
  if ((tag = find_tag (self, from)) != NULL)
    kith_tag_rename_async (tag, kith_store_page_get_store (KITH_STORE_PAGE (self)), to, on_renamed_cb, g_object_ref (self));
}

static void
delete_tag (GtkWidget *widget,
            gpointer   tag)
{
  KithTagsPage *self = KITH_TAGS_PAGE (widget);

  kith_tag_delete_async (tag, kith_store_page_get_store (KITH_STORE_PAGE (self)), on_deleted_cb, g_object_ref (self));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithTagsPage *self = KITH_TAGS_PAGE (widget);
  g_autoptr(KithTag) tag = find_tag (self, g_variant_get_string (parameter, NULL));
  g_autofree char *body = NULL;

  if (tag == NULL)
    return;

  body = g_strdup_printf (_("“%s” is taken off every person, company and project that has it."), kith_tag_get_name (tag));
  kith_confirm_dialog_present (widget, _("Delete Tag?"), body, _("_Delete"), delete_tag, tag);
}

static GtkWidget *
create_tag_row (gpointer item,
                gpointer user_data)
{
  return kith_tag_row_new (item);
}

static void
kith_tags_page_constructed (GObject *object)
{
  KithTagsPage *self = KITH_TAGS_PAGE (object);

  G_OBJECT_CLASS (kith_tags_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->tags_list, G_LIST_MODEL (self->tags), create_tag_row, NULL, NULL);
}

static void
kith_tags_page_dispose (GObject *object)
{
  KithTagsPage *self = KITH_TAGS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_TAGS_PAGE);
  g_clear_object (&self->tags);

  G_OBJECT_CLASS (kith_tags_page_parent_class)->dispose (object);
}

static void
kith_tags_page_class_init (KithTagsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_tags_page_constructed;
  object_class->dispose = kith_tags_page_dispose;
  KITH_STORE_PAGE_CLASS (klass)->load = load;


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-tags-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithTagsPage, tags_list);

  gtk_widget_class_install_action (widget_class, "tags.rename", "(ss)", rename_action);
  gtk_widget_class_install_action (widget_class, "tags.delete", "s", delete_action);
}

static void
kith_tags_page_init (KithTagsPage *self)
{
  self->tags = g_list_store_new (KITH_TYPE_TAG);
  gtk_widget_init_template (GTK_WIDGET (self));
}
