CREATE DATABASE IF NOT EXISTS shop;
ALTER USER 'app'@'%' IDENTIFIED WITH mysql_native_password BY 'app-pw';
