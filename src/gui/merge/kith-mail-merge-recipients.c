/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * KithMailMergeRecipients: a mail merge's recipients as a GListModel of KithMailMergeSlot, one
 * per recipient, each slot's KithMergeRecipient (with its merged subject and body) read a page
 * at a time on the store's worker as the list asks for them — a merge of thousands is never
 * read at once. Until its page comes, a slot holds a bare recipient (its position only); the
 * page replaces it in the slot (notify::recipient). The slots stay: the list is never told its
 * items changed, which would lose its place as it scrolls.
 */

#define G_LOG_DOMAIN "KithMailMerge"

#include "config.h"

#include "kith-mail-merge-async.h"
#include "kith-mail-merge-recipients.h"

/* Recipients read in one trip: a screenful or two, each merged for its preview */
#define PAGE_SIZE 40

struct _KithMailMergeSlot
{
  GObject             parent_instance;

  KithMergeRecipient *recipient;
};

G_DEFINE_FINAL_TYPE (KithMailMergeSlot, kith_mail_merge_slot, G_TYPE_OBJECT)

enum {
  SLOT_PROP_0,
  SLOT_PROP_RECIPIENT,
  SLOT_N_PROPS
};

static GParamSpec *slot_properties[SLOT_N_PROPS];

KithMergeRecipient *
kith_mail_merge_slot_get_recipient (KithMailMergeSlot *self)
{
  g_return_val_if_fail (KITH_IS_MAIL_MERGE_SLOT (self), NULL);

  return self->recipient;
}

static void
slot_set_recipient (KithMailMergeSlot  *self,
                    KithMergeRecipient *recipient)
{
  if (g_set_object (&self->recipient, recipient))
    g_object_notify_by_pspec (G_OBJECT (self), slot_properties[SLOT_PROP_RECIPIENT]);
}

static void
kith_mail_merge_slot_finalize (GObject *object)
{
  g_clear_object (&KITH_MAIL_MERGE_SLOT (object)->recipient);

  G_OBJECT_CLASS (kith_mail_merge_slot_parent_class)->finalize (object);
}

static void
kith_mail_merge_slot_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  switch (prop_id)
    {
    case SLOT_PROP_RECIPIENT:
      g_value_set_object (value, KITH_MAIL_MERGE_SLOT (object)->recipient);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
kith_mail_merge_slot_class_init (KithMailMergeSlotClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = kith_mail_merge_slot_finalize;
  object_class->get_property = kith_mail_merge_slot_get_property;

  slot_properties[SLOT_PROP_RECIPIENT] = g_param_spec_object ("recipient", NULL, NULL, KITH_TYPE_MERGE_RECIPIENT,
                                                              G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY |
                                                              G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, SLOT_N_PROPS, slot_properties);
}

static void
kith_mail_merge_slot_init (KithMailMergeSlot *self)
{
}

struct _KithMailMergeRecipients
{
  GObject       parent_instance;

  KithStore    *store;
  gint64        merge_id;
  GPtrArray    *items;       /* KithMailMergeSlot, by position */
  GArray       *requested;   /* gboolean by page: read, or on its way */
  GCancellable *cancellable; /* the reads: gone with the model */
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (KithMailMergeRecipients, kith_mail_merge_recipients, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

typedef struct {
  KithMailMergeRecipients *self;
  guint                    page;
} PageRead;

static void
on_page_read_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  PageRead *read = user_data;
  g_autoptr(KithMailMergeRecipients) self = read->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) page = kith_store_mail_merge_recipients_finish (KITH_STORE (source), result, &error);
  guint offset = read->page * PAGE_SIZE;
  guint n;

  g_free (read);
  if (page == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_warning ("Could not read the recipients: %s", error->message);
          g_array_index (self->requested, gboolean, offset / PAGE_SIZE) = FALSE;
        }
      return;
    }

  n = MIN (page->len, self->items->len - MIN (offset, self->items->len));
  for (guint i = 0; i < n; i++)
    slot_set_recipient (g_ptr_array_index (self->items, offset + i), g_ptr_array_index (page, i));
}

static void
request_page (KithMailMergeRecipients *self,
              guint                    page)
{
  PageRead *read = g_new0 (PageRead, 1);

  g_array_index (self->requested, gboolean, page) = TRUE;
  read->self = g_object_ref (self);
  read->page = page;
  kith_store_mail_merge_recipients_async (self->store, self->merge_id, page * PAGE_SIZE, PAGE_SIZE, TRUE,
                                          self->cancellable, on_page_read_cb, read);
}

static GType
get_item_type (GListModel *model)
{
  return KITH_TYPE_MAIL_MERGE_SLOT;
}

static guint
get_n_items (GListModel *model)
{
  return KITH_MAIL_MERGE_RECIPIENTS (model)->items->len;
}

static gpointer
get_item (GListModel *model,
          guint       position)
{
  KithMailMergeRecipients *self = KITH_MAIL_MERGE_RECIPIENTS (model);

  if (position >= self->items->len)
    return NULL;
  if (!g_array_index (self->requested, gboolean, position / PAGE_SIZE))
    request_page (self, position / PAGE_SIZE);

  return g_object_ref (g_ptr_array_index (self->items, position));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = get_item_type;
  iface->get_n_items = get_n_items;
  iface->get_item = get_item;
}

static void
kith_mail_merge_recipients_dispose (GObject *object)
{
  KithMailMergeRecipients *self = KITH_MAIL_MERGE_RECIPIENTS (object);

  g_cancellable_cancel (self->cancellable);

  G_OBJECT_CLASS (kith_mail_merge_recipients_parent_class)->dispose (object);
}

static void
kith_mail_merge_recipients_finalize (GObject *object)
{
  KithMailMergeRecipients *self = KITH_MAIL_MERGE_RECIPIENTS (object);

  g_clear_object (&self->store);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->items, g_ptr_array_unref);
  g_clear_pointer (&self->requested, g_array_unref);

  G_OBJECT_CLASS (kith_mail_merge_recipients_parent_class)->finalize (object);
}

static void
kith_mail_merge_recipients_class_init (KithMailMergeRecipientsClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = kith_mail_merge_recipients_dispose;
  object_class->finalize = kith_mail_merge_recipients_finalize;
}

static void
kith_mail_merge_recipients_init (KithMailMergeRecipients *self)
{
  self->items = g_ptr_array_new_with_free_func (g_object_unref);
  self->requested = g_array_new (FALSE, TRUE, sizeof (gboolean));
  self->cancellable = g_cancellable_new ();
}

/**
 * kith_mail_merge_recipients_new:
 * @n_items: how many recipients the merge has (its summary's total)
 *
 * Returns: (transfer full): the recipients of merge @merge_id; nothing is read until asked for
 */
KithMailMergeRecipients *
kith_mail_merge_recipients_new (KithStore *store,
                                gint64     merge_id,
                                guint      n_items)
{
  KithMailMergeRecipients *self = g_object_new (KITH_TYPE_MAIL_MERGE_RECIPIENTS, NULL);

  g_return_val_if_fail (KITH_IS_STORE (store), NULL);

  self->store = g_object_ref (store);
  self->merge_id = merge_id;
  for (guint i = 0; i < n_items; i++)
    {
      KithMailMergeSlot *slot = g_object_new (KITH_TYPE_MAIL_MERGE_SLOT, NULL);

      slot->recipient = g_object_new (KITH_TYPE_MERGE_RECIPIENT, "position", i, NULL);
      g_ptr_array_add (self->items, slot);
    }
  g_array_set_size (self->requested, (n_items + PAGE_SIZE - 1) / PAGE_SIZE);

  return self;
}

/**
 * kith_mail_merge_recipients_reload:
 *
 * Reads the page of @position again (its recipient was excluded or taken back in); what is
 * shown stays until the page comes.
 */
void
kith_mail_merge_recipients_reload (KithMailMergeRecipients *self,
                                   guint                    position)
{
  g_return_if_fail (KITH_IS_MAIL_MERGE_RECIPIENTS (self));

  if (position < self->items->len)
    request_page (self, position / PAGE_SIZE);
}
