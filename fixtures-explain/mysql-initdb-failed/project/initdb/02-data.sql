USE shop;
