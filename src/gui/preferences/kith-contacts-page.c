/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "KithContactsPage"

#include "config.h"

#include <glib/gi18n.h>

#include "kith-book-row.h"
#include "kith-contacts-page.h"

/*
 * KithContactsPage: the Contacts page of Preferences. Every address book of the registry, as a
 * KithBookRow bound to the book service's list of books, so books added or removed while the
 * window is open come and go.
 */

struct _KithContactsPage
{
  AdwPreferencesPage  parent_instance;

  KithBookService    *service;
  GtkListBox         *books_list;
};

G_DEFINE_FINAL_TYPE (KithContactsPage, kith_contacts_page, ADW_TYPE_PREFERENCES_PAGE)

enum {
  PROP_0,
  PROP_SERVICE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GtkWidget *
create_book_row (gpointer item,
                 gpointer user_data)
{
  KithContactsPage *self = user_data;

  return kith_book_row_new (self->service, item);
}

static void
kith_contacts_page_constructed (GObject *object)
{
  KithContactsPage *self = KITH_CONTACTS_PAGE (object);

  G_OBJECT_CLASS (kith_contacts_page_parent_class)->constructed (object);

  gtk_list_box_bind_model (self->books_list, kith_book_service_get_books (self->service),
                           create_book_row, self, NULL);
}

static void
kith_contacts_page_dispose (GObject *object)
{
  KithContactsPage *self = KITH_CONTACTS_PAGE (object);

  if (self->books_list != NULL)
    gtk_list_box_bind_model (self->books_list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (object), KITH_TYPE_CONTACTS_PAGE);
  g_clear_object (&self->service);

  G_OBJECT_CLASS (kith_contacts_page_parent_class)->dispose (object);
}

static void
kith_contacts_page_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  KithContactsPage *self = KITH_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      g_value_set_object (value, self->service);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_contacts_page_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  KithContactsPage *self = KITH_CONTACTS_PAGE (object);

  switch (prop_id)
    {
    case PROP_SERVICE:
      self->service = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_contacts_page_class_init (KithContactsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->constructed = kith_contacts_page_constructed;
  object_class->dispose = kith_contacts_page_dispose;
  object_class->get_property = kith_contacts_page_get_property;
  object_class->set_property = kith_contacts_page_set_property;

  properties[PROP_SERVICE] =
    g_param_spec_object ("service", NULL, NULL, KITH_TYPE_BOOK_SERVICE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, "/io/github/kithcrm/Kith/ui/preferences/kith-contacts-page.ui");
  gtk_widget_class_bind_template_child (widget_class, KithContactsPage, books_list);
}

static void
kith_contacts_page_init (KithContactsPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
kith_contacts_page_new (KithBookService *service)
{
  g_return_val_if_fail (KITH_IS_BOOK_SERVICE (service), NULL);

  return g_object_new (KITH_TYPE_CONTACTS_PAGE, "service", service, NULL);
}
