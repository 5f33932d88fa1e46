/* SPDX-License-Identifier: GPL-3.0-or-later */

/*
 * A deal's address and people through the typed KithDeal, and the typed read of the deals a
 * person or company takes part in, over a store on disk.
 */

#include "kith-test-util.h"

static KithRecord *
get_record (KithTestStore *t,
            gint64         id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  KithRecord *record;

  kith_store_get_record_async (t->store, id, NULL, kith_test_result_cb, &result);
  record = kith_store_get_record_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return record;
}

static void
save_record (KithTestStore *t,
             KithRecord    *record)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  kith_store_save_record_async (t->store, record, NULL, kith_test_result_cb, &result);
  g_assert_true (kith_store_save_record_finish (t->store, kith_test_wait_result (&result), &error));
  g_assert_no_error (error);
}

static GListModel *
deals_of (KithTestStore *t,
          gint64         id)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *deals;

  kith_store_list_deals_of_async (t->store, id, NULL, kith_test_result_cb, &result);
  deals = kith_store_list_deals_of_finish (t->store, kith_test_wait_result (&result), &error);
  g_assert_no_error (error);
  return deals;
}

/* The address shows in one line; one typed is kept as the street; the same text again keeps
 * the parts and position; none clears it */
static void
test_address (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 id = kith_test_create (t, KITH_RECORD_PROJECT,
                                "{\"name\": \"Loft\", \"address\": {\"street\": \"4 Quay Street\", \"city\": \"Portsmouth\", "
                                "\"lat\": 50.79, \"lng\": -1.1}}");
  g_autoptr(KithRecord) deal = get_record (t, id);
  g_autoptr(KithRecord) again = NULL;

  g_assert_cmpstr (kith_deal_get_address (KITH_DEAL (deal)), ==, "4 Quay Street, Portsmouth");

  kith_deal_set_address (KITH_DEAL (deal), "4 Quay Street, Portsmouth");
  g_assert_false (kith_record_has_changes (deal));

  g_object_set (deal, "address", "9 Harbour Row, Southsea", NULL);
  save_record (t, deal);
  again = get_record (t, id);
  g_assert_cmpstr (kith_deal_get_address (KITH_DEAL (again)), ==, "9 Harbour Row, Southsea");

  kith_deal_set_address (KITH_DEAL (again), "");
  save_record (t, again);
  g_clear_object (&again);
  again = get_record (t, id);
  g_assert_null (kith_deal_get_address (KITH_DEAL (again)));
}

/* One removed from a deal is gone from the store, the others stay */
static void
test_remove_participant (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@example.com\"]}");
  gint64 bob = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Bob\", \"emails\": [\"bob@example.com\"]}");
  gint64 id = kith_test_create (t, KITH_RECORD_PROJECT,
                                "{\"name\": \"Loft\", \"participants\": [\"ada@example.com\", \"bob@example.com\"]}");
  g_autoptr(KithRecord) deal = get_record (t, id);
  g_autoptr(KithRecord) again = NULL;
  g_autoptr(KithDealParticipant) first = g_list_model_get_item (kith_deal_get_participants (KITH_DEAL (deal)), 0);
  g_autoptr(KithDealParticipant) left = NULL;

  g_assert_cmpint (kith_deal_participant_get_id (first), ==, ada);
  kith_deal_remove_participant (KITH_DEAL (deal), first);
  save_record (t, deal);

  again = get_record (t, id);
  g_assert_cmpuint (g_list_model_get_n_items (kith_deal_get_participants (KITH_DEAL (again))), ==, 1);
  left = g_list_model_get_item (kith_deal_get_participants (KITH_DEAL (again)), 0);
  g_assert_cmpint (kith_deal_participant_get_id (left), ==, bob);
}

/* A person's deals: those they are a participant of or on the team of, by name, once each */
static void
test_deals_of (void)
{
  g_autoptr(KithTestStore) t = kith_test_store_new ();
  gint64 ada = kith_test_create (t, KITH_RECORD_PERSON, "{\"name\": \"Ada\", \"emails\": [\"ada@example.com\"]}");
  gint64 acme = kith_test_create (t, KITH_RECORD_COMPANY, "{\"name\": \"Acme\", \"domains\": [\"acme.example\"]}");
  g_autoptr(GListModel) ada_deals = NULL;
  g_autoptr(GListModel) acme_deals = NULL;
  g_autoptr(KithRecord) first = NULL;
  g_autoptr(KithRecord) second = NULL;

  kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Zebra house\", \"dealTeam\": [\"ada@example.com\"]}");
  kith_test_create (t, KITH_RECORD_PROJECT,
                    "{\"name\": \"Apple barn\", \"participants\": [\"ada@example.com\", \"acme.example\"], "
                    "\"dealTeam\": [\"ada@example.com\"]}");
  kith_test_create (t, KITH_RECORD_PROJECT, "{\"name\": \"Other\"}");

  ada_deals = deals_of (t, ada);
  g_assert_cmpuint (g_list_model_get_n_items (ada_deals), ==, 2);
  first = g_list_model_get_item (ada_deals, 0);
  second = g_list_model_get_item (ada_deals, 1);
  g_assert_true (KITH_IS_DEAL (first));
  g_assert_cmpstr (kith_record_get_name (first), ==, "Apple barn");
  g_assert_cmpstr (kith_record_get_name (second), ==, "Zebra house");

  acme_deals = deals_of (t, acme);
  g_assert_cmpuint (g_list_model_get_n_items (acme_deals), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/deals/address", test_address);
  g_test_add_func ("/deals/remove-participant", test_remove_participant);
  g_test_add_func ("/deals/deals-of", test_deals_of);

  return g_test_run ();
}
