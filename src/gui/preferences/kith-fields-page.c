/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithFieldsPage: the Custom Fields page of Preferences — the fields of people, of companies
 * and of deals and properties, each added and edited with a form and removed after asking.
 */

#define G_LOG_DOMAIN "KithFieldsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-confirm-dialog.h"
#include "kith-field-definition.h"
#include "kith-field-dialog.h"
#include "kith-field-definition-row.h"
#include "kith-fields-page.h"
#include "kith-group-model.h"
#include "kith-gui-util.h"
#include "kith-segment.h"

#define N_KINDS (KITH_RECORD_PROJECT + 1)

struct _KithFieldsPage
{
  KithStorePage       parent_instance;

  AdwPreferencesGroup *person_group;
  AdwPreferencesGroup *company_group;
  AdwPreferencesGroup *project_group;

  GListStore         *fields[N_KINDS];   /* by KithRecordKind */
};

G_DEFINE_FINAL_TYPE (KithFieldsPage, kith_fields_page, KITH_TYPE_STORE_PAGE)

typedef struct {
  KithFieldsPage      *self;
  KithRecordKind       kind;
  KithFieldDefinition *field;   /* the field to edit, or NULL */
} Load;

static void
load_free (Load *load)
{
  g_clear_object (&load->field);
  g_free (load);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Load, load_free)

static AdwPreferencesGroup *
group_of (KithFieldsPage *self,
          KithRecordKind  kind)
{
  AdwPreferencesGroup *groups[N_KINDS] = { self->person_group, self->company_group, self->project_group };

  return groups[kind];
}

static void
on_loaded_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autofree Load *load = user_data;
  g_autoptr(KithFieldsPage) self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) fields = kith_field_definition_list_finish (KITH_STORE (source), result, &error);
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  GListStore *shown;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (fields == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  for (guint i = 0; i < g_list_model_get_n_items (fields); i++)
    g_ptr_array_add (items, g_list_model_get_item (fields, i));
  shown = self->fields[load->kind];
  g_list_store_splice (shown, 0, g_list_model_get_n_items (G_LIST_MODEL (shown)), items->pdata, items->len);
}

static void
load (KithStorePage *page)
{
  KithFieldsPage *self = KITH_FIELDS_PAGE (page);
  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    {
      Load *load = g_new0 (Load, 1);

      load->self = g_object_ref (self);
      load->kind = kind;
      kith_field_definition_list_async (kith_store_page_get_store (page), kind, kith_store_page_get_cancellable (page),
                                        on_loaded_cb, load);
    }
}

static void
on_added_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(KithFieldsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = kith_field_definition_add_finish (KITH_FIELD_DEFINITION (source), result, &error);

  kith_store_page_written (KITH_STORE_PAGE (self), ok, error);
}

static void
on_updated_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithFieldsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = kith_field_definition_update_finish (KITH_FIELD_DEFINITION (source), result, &error);

  kith_store_page_written (KITH_STORE_PAGE (self), ok, error);
}

/* "add" is the form's Add, or its Save for a field edited */
static void
on_response_cb (KithFieldDialog *dialog,
                const char      *response,
                KithFieldsPage  *self)
{
  g_autoptr(KithFieldDefinition) field = NULL;
  KithStore *store = kith_store_page_get_store (KITH_STORE_PAGE (self));
  KithFieldDefinition *edited = NULL;

  if (!g_str_equal (response, "add"))
    return;

  field = kith_field_dialog_dup_definition (dialog);
  g_object_get (dialog, "field", &edited, NULL);
  if (edited != NULL)
    kith_field_definition_update_async (field, store, on_updated_cb, g_object_ref (self));
  else
    kith_field_definition_add_async (field, store, on_added_cb, g_object_ref (self));
  g_clear_object (&edited);
}

static void
on_segments_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(Load) load = user_data;
  g_autoptr(KithFieldsPage) self = load->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) segments = kith_segment_list_finish (KITH_STORE (source), result, &error);
  GtkWidget *dialog;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (segments == NULL)
    {
      kith_widget_show_error (GTK_WIDGET (self), error->message);
      return;
    }

  dialog = kith_field_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), load->kind, segments,
                                  load->field);
  g_signal_connect_object (dialog, "response", G_CALLBACK (on_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The form offers the segments the field can be shown for: read first */
static void
open_form (KithFieldsPage      *self,
           KithRecordKind       kind,
           KithFieldDefinition *field)
{
  Load *load = g_new0 (Load, 1);

  load->self = g_object_ref (self);
  load->kind = kind;
  load->field = field != NULL ? g_object_ref (field) : NULL;
  kith_segment_list_async (kith_store_page_get_store (KITH_STORE_PAGE (self)),
                           kith_store_page_get_cancellable (KITH_STORE_PAGE (self)), on_segments_cb, load);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  KithRecordKind kind = kith_record_kind_from_string (g_variant_get_string (parameter, NULL));

  g_return_if_fail (kind != KITH_RECORD_KIND_INVALID);
  open_form (KITH_FIELDS_PAGE (widget), kind, NULL);
}

static void
on_removed_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(KithFieldsPage) self = user_data;
  g_autoptr(GError) error = NULL;

  gboolean ok = kith_field_definition_remove_finish (KITH_FIELD_DEFINITION (source), result, &error);

  kith_store_page_written (KITH_STORE_PAGE (self), ok, error);
}

static void
remove_field (GtkWidget *widget,
              gpointer   field)
{
  KithFieldsPage *self = KITH_FIELDS_PAGE (widget);

  kith_field_definition_remove_async (field, kith_store_page_get_store (KITH_STORE_PAGE (self)), on_removed_cb,
                                      g_object_ref (self));
}

static KithFieldDefinition *
find_field (KithFieldsPage *self,
            const char     *key)
{
  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    for (guint i = 0; i < g_list_model_get_n_items (G_LIST_MODEL (self->fields[kind])); i++)
      {
        g_autoptr(KithFieldDefinition) field = g_list_model_get_item (G_LIST_MODEL (self->fields[kind]), i);

        if (g_strcmp0 (kith_field_definition_get_key (field), key) == 0)
          return g_steal_pointer (&field);
      }

  return NULL;
}

static void
remove_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  KithFieldsPage *self = KITH_FIELDS_PAGE (widget);
  g_autoptr(KithFieldDefinition) field = find_field (self, g_variant_get_string (parameter, NULL));
  g_autofree char *body = NULL;

  if (field == NULL)
    return;

  body = g_strdup_printf (_("The field “%s” and every value recorded in it are removed. This cannot be undone."),
                          kith_field_definition_get_name (field));
  kith_confirm_dialog_present (widget, _("Remove Field?"), body, _("_Remove"), remove_field, field);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  KithFieldsPage *self = KITH_FIELDS_PAGE (widget);
  g_autoptr(KithFieldDefinition) field = find_field (self, g_variant_get_string (parameter, NULL));

  if (field != NULL)
    open_form (self, kith_field_definition_get_applies_to (field), field);
}

static GtkWidget *
create_field_row (gpointer item,
                  gpointer user_data)
{
  return kith_field_definition_row_new (item);
}

static void
kith_fields_page_constructed (GObject *object)
{
  KithFieldsPage *self = KITH_FIELDS_PAGE (object);

  G_OBJECT_CLASS (kith_fields_page_parent_class)->constructed (object);

  for (KithRecordKind kind = KITH_RECORD_PERSON; kind <= KITH_RECORD_PROJECT; kind++)
    kith_preferences_group_bind_model (group_of (self, kind), G_LIST_MODEL (self->fields[kind]), create_field_row, NULL);
}

static void
kith_fields_page_dispose (GObject *object)
{
  KithFieldsPage *self = KITH_FIELDS_PAGE (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), KITH_TYPE_FIELDS_PAGE);
  for (guint i = 0; i < N_KINDS; i++)
    g_clear_object (&self->fields[i]);

  G_OBJECT_CLASS (kith_fields_page_parent_class)->dispose (object);
}

static void
kith_fields_page_class_init (KithFieldsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_fields_page_constructed;
  object_class->dispose = kith_fields_page_dispose;
  KITH_STORE_PAGE_CLASS (klass)->load = load;


  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-fields-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithFieldsPage, person_group);
  gtk_widget_class_bind_template_child (widget_class, KithFieldsPage, company_group);
  gtk_widget_class_bind_template_child (widget_class, KithFieldsPage, project_group);

  gtk_widget_class_install_action (widget_class, "fields.add", "s", add_action);
  gtk_widget_class_install_action (widget_class, "fields.remove", "s", remove_action);
  gtk_widget_class_install_action (widget_class, "fields.edit", "s", edit_action);
}

static void
kith_fields_page_init (KithFieldsPage *self)
{
  for (guint i = 0; i < N_KINDS; i++)
    self->fields[i] = g_list_store_new (KITH_TYPE_FIELD_DEFINITION);
  gtk_widget_init_template (GTK_WIDGET (self));
}
