/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithContactDetailsReadOnlyRow: one of a record's details that the profile shows and does not
 * edit — a postal address, an app link (where the record lives in another app) — as imports
 * and synced address books found them: the value, and its label ("Home") or else what it is
 * ("Address"), after an icon that says what it is when there is one. An entry with a web page
 * opens it.
 */

#define G_LOG_DOMAIN "KithContactDetailsReadOnlyRow"

#include "config.h"

#include "kith-contact-details-entry-row.h"
#include "kith-contact-details-read-only-row.h"

struct _KithContactDetailsReadOnlyRow
{
  AdwActionRow     parent_instance;

  KithRecordEntry *entry;
  char            *kind;
  char            *icon_name;
};

G_DEFINE_FINAL_TYPE (KithContactDetailsReadOnlyRow, kith_contact_details_read_only_row, ADW_TYPE_ACTION_ROW)

enum {
  PROP_0,
  PROP_ENTRY,
  PROP_KIND,
  PROP_ICON_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static gboolean
is_set (gpointer    self,
        const char *text)
{
  return text != NULL;
}

/* Only a web page is opened: an app link's URI may be anything its app wrote */
static gboolean
is_web (gpointer    self,
        const char *uri)
{
  return uri != NULL && (g_str_has_prefix (uri, "https://") || g_str_has_prefix (uri, "http://"));
}

/* Set here, not bound in the template: GTK 4.8 fails at finalization on a template binding
 * whose target is the template object itself */
static void
sync_from_entry (KithContactDetailsReadOnlyRow *self)
{
  const char *label = kith_contact_details_label_text (kith_record_entry_get_label (self->entry));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), kith_record_entry_get_value (self->entry));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), label != NULL ? label : self->kind);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (self), is_web (self, kith_record_entry_get_uri (self->entry)));
}

static void
on_activated_cb (KithContactDetailsReadOnlyRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_autoptr(GAppLaunchContext) context = G_APP_LAUNCH_CONTEXT (gdk_display_get_app_launch_context (gtk_widget_get_display (widget)));
  const char *uri = kith_record_entry_get_uri (self->entry);

  if (is_web (self, uri))
    g_app_info_launch_default_for_uri_async (uri, context, NULL, NULL, NULL);
}

static void
kith_contact_details_read_only_row_constructed (GObject *object)
{
  KithContactDetailsReadOnlyRow *self = KITH_CONTACT_DETAILS_READ_ONLY_ROW (object);

  G_OBJECT_CLASS (kith_contact_details_read_only_row_parent_class)->constructed (object);

  sync_from_entry (self);
  g_signal_connect_object (self->entry, "notify", G_CALLBACK (sync_from_entry), self, G_CONNECT_SWAPPED);
}

static void
kith_contact_details_read_only_row_finalize (GObject *object)
{
  KithContactDetailsReadOnlyRow *self = KITH_CONTACT_DETAILS_READ_ONLY_ROW (object);

  g_clear_object (&self->entry);
  g_free (self->kind);
  g_free (self->icon_name);

  G_OBJECT_CLASS (kith_contact_details_read_only_row_parent_class)->finalize (object);
}

static void
kith_contact_details_read_only_row_get_property (GObject    *object,
                                            guint       prop_id,
                                            GValue     *value,
                                            GParamSpec *pspec)
{
  KithContactDetailsReadOnlyRow *self = KITH_CONTACT_DETAILS_READ_ONLY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      g_value_set_object (value, self->entry);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ICON_NAME:
      g_value_set_string (value, self->icon_name);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_contact_details_read_only_row_set_property (GObject      *object,
                                            guint         prop_id,
                                            const GValue *value,
                                            GParamSpec   *pspec)
{
  KithContactDetailsReadOnlyRow *self = KITH_CONTACT_DETAILS_READ_ONLY_ROW (object);

  switch (prop_id)
    {
    case PROP_ENTRY:
      self->entry = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_dup_string (value);
      break;
    case PROP_ICON_NAME:
      self->icon_name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_contact_details_read_only_row_class_init (KithContactDetailsReadOnlyRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_contact_details_read_only_row_constructed;
  object_class->finalize = kith_contact_details_read_only_row_finalize;
  object_class->get_property = kith_contact_details_read_only_row_get_property;
  object_class->set_property = kith_contact_details_read_only_row_set_property;

  properties[PROP_ENTRY] = g_param_spec_object ("entry", NULL, NULL, KITH_TYPE_RECORD_ENTRY,
                                                G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* What it is ("Address"): the subtitle when the entry has no label */
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, NULL,
                                               G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /* The icon before it, saying what it is; none when %NULL */
  properties[PROP_ICON_NAME] = g_param_spec_string ("icon-name", NULL, NULL, NULL,
                                                    G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/kithcrm/Kith/ui/profile/kith-contact-details-read-only-row.ui");
  gtk_widget_class_bind_template_callback (widget_class, is_set);
  gtk_widget_class_bind_template_callback (widget_class, is_web);
  gtk_widget_class_bind_template_callback (widget_class, on_activated_cb);
}

static void
kith_contact_details_read_only_row_init (KithContactDetailsReadOnlyRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * kith_contact_details_read_only_row_new:
 * @kind: what @entry is ("Address")
 * @icon_name: (nullable): an icon that says so
 */
GtkWidget *
kith_contact_details_read_only_row_new (KithRecordEntry *entry,
                                        const char      *kind,
                                        const char      *icon_name)
{
  g_return_val_if_fail (KITH_IS_RECORD_ENTRY (entry), NULL);

  return g_object_new (KITH_TYPE_CONTACT_DETAILS_READ_ONLY_ROW, "entry", entry, "kind", kind, "icon-name", icon_name,
                       NULL);
}
